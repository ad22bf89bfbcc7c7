/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/nwfilter.c - network filters and their bindings to guests' ports:
 * nwfilter-list, nwfilter-define, nwfilter-undefine, nwfilter-dumpxml,
 * nwfilter-edit, nwfilter-binding-list, nwfilter-binding-create,
 * nwfilter-binding-delete, nwfilter-binding-dumpxml.
 */
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "core/util.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/err.h"
#include "virt/hostobj.h"
#include "cmd/groups.h"
#include "cmd/objects.h"

OBJKIND_BASICS(nwf, virNWFilter, hostobj_nwfilter)

static const char *nwf_name(void *obj)
{
    return virNWFilterGetName(obj);
}

static int nwf_uuid(void *obj, char *buf)
{
    return virNWFilterGetUUIDString(obj, buf);
}

static void *nwf_define(virConnectPtr c, const char *xml, unsigned int flags)
{
    return virNWFilterDefineXMLFlags(c, xml, flags);
}

OBJKIND_ACT(nwf_undefine, virNWFilterUndefine(obj))

static const struct objkind nwfilter_kind = {
    .noun = "network filter", .title = "Network filter", .lookup = nwf_lookup, .free = nwf_free,
    .name = nwf_name, .uuid = nwf_uuid, .xml = nwf_xml, .define = nwf_define,
};

/* A binding is named by its port device and has no UUID. */
OBJKIND_BASICS(bnd, virNWFilterBinding, hostobj_binding)

static const char *bnd_name(void *obj)
{
    return virNWFilterBindingGetPortDev(obj);
}

static void *bnd_create(virConnectPtr c, const char *xml, unsigned int flags)
{
    return virNWFilterBindingCreateXML(c, xml, flags);
}

OBJKIND_ACT(bnd_delete, virNWFilterBindingDelete(obj))

static const struct objkind binding_kind = {
    .noun = "network filter binding", .title = "Network filter binding", .lookup = bnd_lookup,
    .free = bnd_free, .name = bnd_name, .xml = bnd_xml,
};

/* ------------------------------------------------------------ lists */

static int nwf_cmp(const void *x, const void *y)
{
    return strcmp(virNWFilterGetName(*(virNWFilterPtr const *)x), virNWFilterGetName(*(virNWFilterPtr const *)y));
}

static int cmd_nwfilter_list(struct shell *sh, void *opaque)
{
    (void)opaque;
    virNWFilterPtr *fs = NULL;
    int n = virConnectListAllNWFilters(sh->conn, &fs, 0);
    if (n < 0)
        return err_libvirt(sh, "cannot list network filters");
    qsort(fs, (size_t)n, sizeof(*fs), nwf_cmp);
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        char uuid[VIR_UUID_STRING_BUFLEN] = "";
        virNWFilterGetUUIDString(fs[i], uuid);
        struct json_object *o = json_object_new_object();
        hostobj_add_str(o, "uuid", uuid);
        hostobj_add_str(o, "name", virNWFilterGetName(fs[i]));
        json_object_array_add(rows, o);
        virNWFilterFree(fs[i]);
    }
    free(fs);
    static const struct out_col cols[] = { { "uuid", "UUID", FMT_PLAIN }, { "name", "Name", FMT_PLAIN } };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

static int bnd_cmp(const void *x, const void *y)
{
    return strcmp(virNWFilterBindingGetPortDev(*(virNWFilterBindingPtr const *)x),
                  virNWFilterBindingGetPortDev(*(virNWFilterBindingPtr const *)y));
}

static int cmd_nwfilter_binding_list(struct shell *sh, void *opaque)
{
    (void)opaque;
    virNWFilterBindingPtr *bs = NULL;
    int n = virConnectListAllNWFilterBindings(sh->conn, &bs, 0);
    if (n < 0)
        return err_libvirt(sh, "cannot list network filter bindings");
    qsort(bs, (size_t)n, sizeof(*bs), bnd_cmp);
    _cleanup_json_ struct json_object *rows = json_object_new_array();
    for (int i = 0; i < n; i++) {
        struct json_object *o = json_object_new_object();
        hostobj_add_str(o, "portdev", virNWFilterBindingGetPortDev(bs[i]));
        hostobj_add_str(o, "filter", virNWFilterBindingGetFilterName(bs[i]));
        json_object_array_add(rows, o);
        virNWFilterBindingFree(bs[i]);
    }
    free(bs);
    static const struct out_col cols[] = { { "portdev", "Port Dev", FMT_PLAIN }, { "filter", "Filter", FMT_PLAIN } };
    out_table(&sh->out, rows, cols, ARRAY_SIZE(cols));
    return CMD_OK;
}

/* ------------------------------------------------------------ the table */

#define ARG_NWFILTER(st, field) \
    OPT_STRING(st, "nwfilter", field, "network filter name or uuid", .flags = ARG_REQUIRED, \
               .complete = COMPL_NWFILTER)
#define ARG_BINDING(st, field) \
    OPT_STRING(st, "binding", field, "the port device the binding filters", .flags = ARG_REQUIRED, \
               .complete = COMPL_NWFILTER_BINDING)

const struct cmd_group cmd_group_nwfilter = {
    .name = "nwfilter",
    .title = "Network filters",
    .cmds = (const struct cmd_def[]){
        { .name = "nwfilter-list", .summary = "list network filters",
          .run = cmd_nwfilter_list,
          .result = RESULT_ARRAY({ "uuid", RT_STRING, "the filter's UUID" },
                                 { "name", RT_STRING, "its name" }) },
        { .name = "nwfilter-define", .summary = "define or change a network filter from an XML file",
          .run = cmd_obj_make, .args_size = sizeof(struct obj_file_args), .flags = CMD_MODIFIES,
          .result = OBJ_REPORT_RESULT,
          .data = OBJ_DATA(struct obj_make, .kind = &nwfilter_kind, .make = nwf_define,
                           .validate_flag = VIR_NWFILTER_DEFINE_VALIDATE, .result = "defined",
                           .fmt = "Network filter %s defined from %s"),
          .opts = OPTS(OBJ_FILE_ARG("network filter XML file"), OBJ_VALIDATE_OPT) },
        { .name = "nwfilter-undefine", .summary = "remove a network filter",
          .run = cmd_obj_act, .args_size = sizeof(struct obj_args), .flags = CMD_MODIFIES,
          .result = OBJ_REPORT_RESULT,
          .data = OBJ_DATA(struct obj_act, .kind = &nwfilter_kind, .act = nwf_undefine, .verb = "undefine",
                           .result = "undefined", .fmt = "Network filter %s undefined"),
          .opts = OPTS(ARG_NWFILTER(struct obj_args, ident)) },
        { .name = "nwfilter-dumpxml", .summary = "print a network filter's XML",
          .run = cmd_obj_dumpxml, .args_size = sizeof(struct obj_dumpxml_args),
          .data = OBJ_DATA(struct obj_dumpxml, .kind = &nwfilter_kind),
          .opts = OPTS(ARG_NWFILTER(struct obj_dumpxml_args, ident), OBJ_XPATH_OPTS),
          .result = OBJ_DUMPXML_RESULT },
        { .name = "nwfilter-edit", .summary = "edit a network filter's XML in your editor",
          .run = cmd_obj_edit, .args_size = sizeof(struct obj_args), .flags = CMD_MODIFIES,
          .data = &nwfilter_kind, .result = OBJ_REPORT_RESULT,
          .opts = OPTS(ARG_NWFILTER(struct obj_args, ident)) },
        { .name = "nwfilter-binding-list", .summary = "list the bindings of network filters to ports",
          .run = cmd_nwfilter_binding_list,
          .result = RESULT_ARRAY({ "portdev", RT_STRING, "the port device filtered" },
                                 { "filter", RT_STRING, "the filter bound to it" }) },
        { .name = "nwfilter-binding-create", .summary = "bind a network filter to a port from an XML file",
          .run = cmd_obj_make, .args_size = sizeof(struct obj_file_args), .flags = CMD_MODIFIES,
          .result = OBJ_REPORT_RESULT,
          .data = OBJ_DATA(struct obj_make, .kind = &binding_kind, .make = bnd_create,
                           .validate_flag = VIR_NWFILTER_BINDING_CREATE_VALIDATE, .result = "created",
                           .fmt = "Network filter binding on %s created from %s"),
          .opts = OPTS(OBJ_FILE_ARG("network filter binding XML file"), OBJ_VALIDATE_OPT) },
        { .name = "nwfilter-binding-delete", .summary = "remove a network filter binding",
          .run = cmd_obj_act, .args_size = sizeof(struct obj_args), .flags = CMD_MODIFIES,
          .result = OBJ_REPORT_RESULT,
          .data = OBJ_DATA(struct obj_act, .kind = &binding_kind, .act = bnd_delete, .verb = "delete",
                           .result = "deleted", .fmt = "Network filter binding on %s deleted"),
          .opts = OPTS(ARG_BINDING(struct obj_args, ident)) },
        { .name = "nwfilter-binding-dumpxml", .summary = "print a network filter binding's XML",
          .run = cmd_obj_dumpxml, .args_size = sizeof(struct obj_dumpxml_args),
          .data = OBJ_DATA(struct obj_dumpxml, .kind = &binding_kind),
          .opts = OPTS(ARG_BINDING(struct obj_dumpxml_args, ident), OBJ_XPATH_OPTS),
          .result = OBJ_DUMPXML_RESULT },
        { 0 },
    },
};
