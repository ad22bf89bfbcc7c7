/* SPDX-License-Identifier: LGPL-2.1-or-later */
#include "core/help.h"

#include <ctype.h>
#include <json-c/json.h>
#include <string.h>

#include "core/args.h"
#include "core/globals.h"
#include "core/strbuf.h"
#include "core/table.h"
#include "core/util.h"

char *help_synopsis(const struct cmd_def *cmd)
{
    struct strbuf s = { 0 };
    strbuf_add(&s, cmd->name);
    for (const struct opt_def *o = cmd->opts; o && o->name; o++) {
        if (o->flags & OPT_HIDDEN)
            continue;
        _cleanup_free_ char *syn = args_opt_synopsis(o);
        bool req = o->flags & OPT_REQUIRED;
        if (args_opt_positional(o)) {
            if (o->type == OT_ARGV)
                strbuf_printf(&s, req ? " %s" : " [%s]", syn);
            else
                strbuf_printf(&s, req ? " <%s>" : " [<%s>]", o->name);
        } else {
            strbuf_printf(&s, req ? " %s" : " [%s]", syn);
        }
    }
    return strbuf_steal(&s);
}

void help_global(FILE *fp)
{
    fprintf(fp, "Usage: virtsh [OPTIONS] [COMMAND [ARGS...]]\n"
                "       virtsh [OPTIONS] 'COMMAND ARGS; COMMAND ARGS'\n"
                "       virtsh [OPTIONS] -f SCRIPT\n\n"
                "With no command, virtsh reads commands from the terminal (an interactive\n"
                "shell) or, when stdin is not a terminal, from stdin.\n\n"
                "Options:\n");
    for (const struct opt_def *o = global_cmd.opts; o->name; o++) {
        _cleanup_free_ char *syn = args_opt_synopsis(o);
        char left[64];
        if (o->short_name)
            snprintf(left, sizeof(left), "-%c, %s", o->short_name, syn);
        else
            snprintf(left, sizeof(left), "    %s", syn);
        fprintf(fp, "  %-30s %s\n", left, o->help);
    }
    fprintf(fp, "\nRun 'virtsh help' for the commands, 'virtsh help COMMAND' for one.\n"
                "Exit status: 0 success, 1 a command failed, 2 usage error.\n");
}

/* {"name", "title", "commands": [{"name", "summary"}...]} of one group. */
static struct json_object *group_json(const struct cmd_group *g)
{
    struct json_object *cmds = json_object_new_array();
    const struct cmd_def *c;
    FOREACH_GROUP_CMD(g, c) {
        if (c->flags & CMD_HIDDEN)
            continue;
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(c->name));
        json_object_object_add(o, "summary", json_object_new_string(c->summary));
        json_object_array_add(cmds, o);
    }
    struct json_object *go = json_object_new_object();
    json_object_object_add(go, "name", json_object_new_string(g->name));
    json_object_object_add(go, "title", json_object_new_string(g->title));
    json_object_object_add(go, "commands", cmds);
    return go;
}

int help_overview(struct out *out)
{
    if (out->mode == OUT_JSON) {
        struct json_object *groups = json_object_new_array();
        for (const struct cmd_group *const *g = cmd_groups; *g; g++)
            json_object_array_add(groups, group_json(*g));
        out_value(out, groups, "");
        json_object_put(groups);
        return CMD_OK;
    }
    for (const struct cmd_group *const *g = cmd_groups; *g; g++)
        help_group(out, *g);
    fprintf(out->fp, "Use 'help COMMAND' or 'COMMAND --help' for details.\n");
    return CMD_OK;
}

int help_group(struct out *out, const struct cmd_group *g)
{
    FILE *fp = out->fp;
    if (out->mode == OUT_JSON) {
        _cleanup_json_ struct json_object *go = group_json(g);
        out_value(out, go, "");
        return CMD_OK;
    }
    fprintf(fp, " %s (help keyword '%s'):\n", g->title, g->name);
    const struct cmd_def *c;
    FOREACH_GROUP_CMD(g, c)
        if (!(c->flags & CMD_HIDDEN))
            fprintf(fp, "    %-20s %s\n", c->name, c->summary);
    fputc('\n', fp);
    return CMD_OK;
}

static void opt_line(FILE *fp, const struct opt_def *o)
{
    _cleanup_free_ char *syn = args_opt_synopsis(o);
    fprintf(fp, "    %-28s %s", syn, o->help ? o->help : "");
    if (o->type == OT_ENUM) {
        fputs(" (", fp);
        for (int i = 0; o->values[i]; i++)
            fprintf(fp, "%s%s", i ? ", " : "", o->values[i]);
        fputc(')', fp);
    }
    if (o->def && o->type != OT_BOOL)
        fprintf(fp, " [default: %s]", o->def);
    fputc('\n', fp);
}

int help_command(struct out *out, const struct cmd_def *cmd)
{
    FILE *fp = out->fp;
    _cleanup_free_ char *syn = help_synopsis(cmd);
    if (out->mode == OUT_JSON) {
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "name", json_object_new_string(cmd->name));
        json_object_object_add(o, "summary", json_object_new_string(cmd->summary));
        json_object_object_add(o, "synopsis", json_object_new_string(syn));
        struct json_object *opts = json_object_new_array();
        for (const struct opt_def *op = cmd->opts; op && op->name; op++) {
            if (op->flags & OPT_HIDDEN)
                continue;
            struct json_object *jo = json_object_new_object();
            json_object_object_add(jo, "name", json_object_new_string(op->name));
            json_object_object_add(jo, "help", json_object_new_string(op->help ? op->help : ""));
            json_object_object_add(jo, "required", json_object_new_boolean(op->flags & OPT_REQUIRED));
            json_object_array_add(opts, jo);
        }
        json_object_object_add(o, "options", opts);
        out_value(out, o, "");
        json_object_put(o);
        return CMD_OK;
    }
    fprintf(fp, "  NAME\n    %s - %s\n\n  SYNOPSIS\n    %s\n\n", cmd->name, cmd->summary, syn);
    if (cmd->aliases && cmd->aliases[0]) {
        fputs("  ALIASES\n    ", fp);
        for (const char *const *a = cmd->aliases; *a; a++)
            fprintf(fp, "%s%s", a == cmd->aliases ? "" : ", ", *a);
        fputs("\n\n", fp);
    }
    if (cmd->desc)
        fprintf(fp, "  DESCRIPTION\n    %s\n\n", cmd->desc);
    bool any = false;
    for (const struct opt_def *o = cmd->opts; o && o->name; o++) {
        if (o->flags & OPT_HIDDEN)
            continue;
        if (!any)
            fputs("  OPTIONS\n", fp);
        any = true;
        opt_line(fp, o);
    }
    if (any)
        fputc('\n', fp);
    return CMD_OK;
}

/* Escape the characters reStructuredText would read as markup. */
static void rst_text(FILE *fp, const char *s)
{
    for (; *s; s++) {
        if (*s == '*' || *s == '`' || *s == '|' || *s == '_' || *s == '\\')
            fputc('\\', fp);
        fputc(*s, fp);
    }
}

/* "JSON: an array of objects: ..." for a command's declared result. */
static void rst_result(FILE *fp, const struct result_def *r)
{
    static const char *const shapes[] = {
        [RS_OBJECT] = "an object", [RS_ARRAY] = "an array of objects",
        [RS_VALUES] = "an array of plain values (strings or numbers)", [RS_FREE] = "the JSON the source sent, as it is",
        [RS_NONE] = "nothing on success",
    };
    if (!r || r->shape == RS_UNDECLARED)
        return;
    fprintf(fp, "JSON: %s%s\n\n", shapes[r->shape], r->fields && r->fields[0].key ? ":" : ".");
    for (const struct result_field *f = r->fields; f && f->key; f++) {
        char type[64];
        fprintf(fp, "- ``%s`` (%s): ", f->key, contract_type_name(f->type, type, sizeof(type)));
        rst_text(fp, f->help);
        fputc('\n', fp);
    }
    if (r->fields && r->fields[0].key)
        fputc('\n', fp);
}

void help_write_rst(FILE *fp)
{
    for (const struct cmd_group *const *g = cmd_groups; *g; g++) {
        fprintf(fp, "%s\n", (*g)->title);
        for (size_t i = strlen((*g)->title); i; i--)
            fputc('-', fp);
        fputs("\n\n", fp);
        const struct cmd_def *c;
        FOREACH_GROUP_CMD(*g, c) {
            if (c->flags & CMD_HIDDEN)
                continue;
            _cleanup_free_ char *syn = help_synopsis(c);
            fprintf(fp, "%s\n", c->name);
            for (size_t i = strlen(c->name); i; i--)
                fputc('~', fp);
            fputs("\n\n::\n\n    ", fp);
            fputs(syn, fp);
            fputs("\n\n", fp);
            rst_text(fp, c->summary);
            fputs(".", fp);
            if (c->desc) {
                fputc(' ', fp);
                rst_text(fp, c->desc);
            }
            fputs("\n\n", fp);
            if (c->aliases && c->aliases[0]) {
                fputs("Aliases: ", fp);
                for (const char *const *a = c->aliases; *a; a++)
                    fprintf(fp, "%s%s", a == c->aliases ? "" : ", ", *a);
                fputs(".\n\n", fp);
            }
            for (const struct opt_def *o = c->opts; o && o->name; o++) {
                if (o->flags & OPT_HIDDEN)
                    continue;
                _cleanup_free_ char *os = args_opt_synopsis(o);
                fprintf(fp, "``%s``\n    ", os);
                rst_text(fp, o->help ? o->help : "");
                if (o->type == OT_ENUM) {
                    fputs(" One of:", fp);
                    for (int i = 0; o->values[i]; i++)
                        fprintf(fp, "%s ``%s``", i ? "," : "", o->values[i]);
                    fputc('.', fp);
                }
                fputs("\n\n", fp);
            }
            rst_result(fp, c->result);
        }
    }
}
