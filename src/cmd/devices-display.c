/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * cmd/devices-display.c - a running domain's screen: screenshot (as PNG),
 * domdisplay, vncdisplay, ttyconsole.
 */
#include <errno.h>
#include <fcntl.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/png.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "core/xml.h"
#include "virt/conn.h"
#include "virt/context.h"
#include "virt/domain.h"
#include "virt/err.h"
#include "cmd/devices.h"

#define MIME_PPM "image/x-portable-pixmap"
#define MIME_PNG "image/png"
#define SCREENSHOT_MAX (256u << 20)

/* ---- screenshot --------------------------------------------------------------- */

struct screenshot_args {
    const char *domain, *file;
    long long screen;
};

struct grab {
    unsigned char *data;
    size_t len;
    bool too_big;
};

static int grab_chunk(virStreamPtr st, const char *buf, size_t n, void *opaque)
{
    struct grab *g = opaque;
    (void)st;
    if (g->len + n > SCREENSHOT_MAX) {
        g->too_big = true;
        return -1;
    }
    g->data = xrealloc(g->data, g->len + n);
    memcpy(g->data + g->len, buf, n);
    g->len += n;
    return (int)n; /* libvirt calls again with what is left */
}

/* The screen dump and its MIME type.  NULL with the error recorded. */
static char *take_screenshot(struct shell *sh, virDomainPtr d, unsigned screen, struct grab *g)
{
    const char *name = virDomainGetName(d);
    virStreamPtr st = virStreamNew(sh->conn, 0);
    if (!st) {
        err_libvirt(sh, "cannot open a stream for the screenshot of domain '%s'", name);
        return NULL;
    }
    char *mime = virDomainScreenshot(d, st, screen, 0);
    if (!mime) {
        err_libvirt(sh, "cannot take a screenshot of domain '%s'", name);
    } else if (virStreamRecvAll(st, grab_chunk, g) < 0) {
        if (g->too_big)
            error(sh, "the screenshot of domain '%s' is larger than %u MiB", name,
                  SCREENSHOT_MAX >> 20);
        else
            err_libvirt(sh, "cannot read the screenshot of domain '%s'", name);
        virStreamAbort(st);
        free(mime);
        mime = NULL;
    } else if (virStreamFinish(st) < 0) {
        err_libvirt(sh, "cannot read the screenshot of domain '%s'", name);
        free(mime);
        mime = NULL;
    }
    virStreamFree(st);
    return mime;
}

/* DOMAIN-YYYY-MM-DD-HH:MM:SS.EXT in the current directory, as virsh names it. */
static char *default_name(virDomainPtr d, const char *ext)
{
    char stamp[64];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof(stamp), "%Y-%m-%d-%H:%M:%S", &tm);
    return xasprintf("%s-%s%s", virDomainGetName(d), stamp, ext);
}

/* Write the image (converted, or as it came) to an open stream. */
static int write_image(FILE *f, const struct grab *g, bool convert, char *why, size_t len)
{
    if (convert)
        return png_from_ppm(g->data, g->len, f, why, len);
    return g->len && fwrite(g->data, 1, g->len, f) != g->len ? -1 : 0;
}

/* Write the image to `path`: a regular file through a temporary file beside
 * it, renamed over it at the end (a failure leaves no half-written image);
 * anything else (/dev/stdout, a pipe) directly.  A PPM becomes PNG.
 * *ret_mime: what was written. */
static int save_image(struct shell *sh, const char *path, const struct grab *g, const char *mime,
                      const char **ret_mime)
{
    bool convert = str_eq(mime, MIME_PPM);
    struct stat st;
    bool special = stat(path, &st) == 0 && !S_ISREG(st.st_mode);
    _cleanup_free_ char *tmp = special ? NULL : xasprintf("%s.XXXXXX", path);
    int fd = special ? open(path, O_WRONLY | O_TRUNC | O_CLOEXEC) : mkstemp(tmp);
    if (fd < 0)
        return error(sh, "cannot create '%s': %s", path, strerror(errno));
    if (!special) {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask); /* as an ordinary new file, not mkstemp's 0600 */
    }
    FILE *f = fdopen(fd, "wb");
    char why[256] = "";
    int rc = f ? write_image(f, g, convert, why, sizeof(why)) : -1;
    if (f && fclose(f) != 0)
        rc = -1;
    else if (!f)
        close(fd);
    if (rc == 0 && tmp && rename(tmp, path) < 0)
        rc = -1;
    if (rc < 0) {
        int e = errno;
        if (tmp)
            unlink(tmp);
        return error(sh, "cannot write the screenshot to '%s': %s", path, *why ? why : strerror(e));
    }
    *ret_mime = convert ? MIME_PNG : mime;
    return CMD_OK;
}

static int cmd_devices_screenshot(struct shell *sh, void *opaque)
{
    struct screenshot_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    struct grab g = { 0 };
    _cleanup_free_ char *mime = take_screenshot(sh, d, (unsigned)a->screen, &g);
    if (!mime) {
        free(g.data);
        return CMD_FAILED;
    }
    bool png = str_eq(mime, MIME_PNG) || str_eq(mime, MIME_PPM);
    _cleanup_free_ char *path = a->file ? xstrdup(a->file)
                                        : default_name(d, png ? ".png" : str_eq(mime, MIME_PPM)
                                                                        ? ".ppm" : ".screen");
    const char *written = mime;
    int st = save_image(sh, path, &g, mime, &written);
    if (st != CMD_OK) {
        free(g.data);
        return st;
    }
    unsigned w = 0, h = 0, maxval;
    size_t off;
    char why[64];
    if (str_eq(mime, MIME_PPM))
        ppm_header(g.data, g.len, &w, &h, &maxval, &off, why, sizeof(why));
    else if (str_eq(mime, MIME_PNG))
        png_header(g.data, g.len, &w, &h);
    free(g.data);
    _cleanup_json_ struct json_object *o = domain_ident_json(d);
    json_object_object_add(o, "file", json_object_new_string(path));
    json_object_object_add(o, "mime_type", json_object_new_string(written));
    json_object_object_add(o, "screen_mime_type", json_object_new_string(mime));
    json_object_object_add(o, "width", w ? json_object_new_int64(w) : NULL);
    json_object_object_add(o, "height", h ? json_object_new_int64(h) : NULL);
    _cleanup_free_ char *text = xasprintf("Screenshot saved to %s, with type of %s", path, written);
    out_message(&sh->out, o, text);
    out_line_ends_command(&sh->out); /* virsh's message has no newline: the blank line ends it */
    return CMD_OK;
}

/* ---- domdisplay, vncdisplay, ttyconsole ---------------------------------------------- */

struct display_args {
    const char *domain;
    bool include_password;
    const char *type;
    bool all;
};

/* The domain, running, and its live XML.  NULL with the error recorded. */
static xmlDocPtr running_xml(struct shell *sh, const char *domain, bool secure,
                             virDomainPtr *ret_dom)
{
    *ret_dom = conn_lookup_domain(sh, domain);
    if (!*ret_dom)
        return NULL;
    if (virDomainIsActive(*ret_dom) != 1) {
        error(sh, "domain '%s' is not running", virDomainGetName(*ret_dom));
        return NULL;
    }
    return dev_domain_xml(sh, *ret_dom, false, secure);
}

/* A listen address that means "every address" says nothing to a client:
 * the host of the connection's URI instead (NULL: none). */
static char *usable_host(struct shell *sh, const char *listen)
{
    if (!listen || !(str_eq(listen, "0.0.0.0") || str_eq(listen, "::") || str_eq(listen, "[::]")))
        return listen ? xstrdup(listen) : NULL;
    _cleanup_free_ char *uri = virConnectGetURI(sh->conn);
    const char *p = uri ? strstr(uri, "://") : NULL;
    if (!p)
        return NULL;
    p += 3;
    const char *at = strchr(p, '@'), *end = p + strcspn(p, "/:?");
    if (at && at < end)
        p = at + 1, end = p + strcspn(p, "/:?");
    return end > p ? xstrndup(p, (size_t)(end - p)) : NULL;
}

/* One graphics element as a URI, virsh's way; NULL when it has no port,
 * TLS port or socket (not running, or none). */
static char *one_display(struct shell *sh, xmlNodePtr g, const char *scheme)
{
    if (str_eq(scheme, "dbus")) {
        _cleanup_free_ char *addr = dev_get(g, "@address");
        return addr && str_startswith(addr, "unix:path=") ? xasprintf("dbus+unix://%s", addr + 10)
                                                          : NULL;
    }
    _cleanup_free_ char *port_s = dev_get(g, "@port"), *tls_s = dev_get(g, "@tlsPort");
    _cleanup_free_ char *listen = dev_get(g, "@listen"), *ltype = dev_get(g, "listen/@type");
    _cleanup_free_ char *sock = str_eq(ltype, "socket") ? dev_get(g, "listen/@socket") : NULL;
    _cleanup_free_ char *passwd = dev_get(g, "@passwd");
    long long port = 0, tls = 0;
    if (port_s && parse_ll(port_s, 0, 65535, &port) < 0)
        port = 0;
    if (tls_s && parse_ll(tls_s, 0, 65535, &tls) < 0)
        tls = 0;
    if (!sock && !listen)
        listen = dev_get(g, "listen/@address");
    if (!port && !tls && !sock)
        return NULL;
    _cleanup_free_ char *host = sock ? NULL : usable_host(sh, listen);
    struct strbuf b = { 0 };
    strbuf_printf(&b, sock ? "%s+unix://" : "%s://", scheme);
    if (str_eq(scheme, "vnc") && passwd)
        strbuf_printf(&b, ":%s@", passwd);
    if (sock)
        strbuf_add(&b, sock);
    else if (!host)
        strbuf_add(&b, "localhost");
    else
        strbuf_printf(&b, strchr(host, ':') ? "[%s]" : "%s", host);
    if (port)
        strbuf_printf(&b, ":%lld", str_eq(scheme, "vnc") ? port - 5900 : port);
    const char *sep = "?";
    if (tls) {
        strbuf_printf(&b, "%stls-port=%lld", sep, tls);
        sep = "&";
    }
    if (str_eq(scheme, "spice") && passwd)
        strbuf_printf(&b, "%spassword=%s", sep, passwd);
    return strbuf_steal(&b);
}

static int cmd_devices_domdisplay(struct shell *sh, void *opaque)
{
    struct display_args *a = opaque;
    static const char *const schemes[] = { "vnc", "spice", "rdp", "dbus" };
    if (a->all && a->type) /* (checked here: --type may come as a plain word) */
        return usage_error(sh, "options '--all' and '--type' cannot be used together");
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = running_xml(sh, a->domain, a->include_password, &d);
    if (!doc)
        return CMD_FAILED;
    _cleanup_json_ struct json_object *arr = json_object_new_array();
    struct strbuf text = { 0 };
    for (size_t i = 0; i < ARRAY_SIZE(schemes); i++) {
        if (a->type && !str_eq(a->type, schemes[i]))
            continue;
        _cleanup_free_ char *expr = xasprintf("/domain/devices/graphics[@type='%s']", schemes[i]);
        _cleanup_free_ xmlNodePtr *nodes = NULL;
        _cleanup_free_ char *uri = dev_select(doc, expr, &nodes) > 0
                                       ? one_display(sh, nodes[0], schemes[i]) : NULL;
        if (!uri)
            continue;
        struct json_object *o = json_object_new_object();
        json_object_object_add(o, "type", json_object_new_string(schemes[i]));
        json_object_object_add(o, "uri", json_object_new_string(uri));
        json_object_array_add(arr, o);
        strbuf_printf(&text, "%s\n", uri);
        if (!a->all)
            break;
    }
    _cleanup_free_ char *t = strbuf_steal(&text);
    if (json_object_array_length(arr) == 0) {
        if (a->type)
            return error(sh, "domain '%s' has no %s display", a->domain, a->type);
        return error(sh, "domain '%s' has no graphical display", a->domain);
    }
    out_value(&sh->out, arr, t);
    return CMD_OK;
}

static int cmd_devices_vncdisplay(struct shell *sh, void *opaque)
{
    struct display_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = NULL;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = running_xml(sh, a->domain, false, &d);
    if (!doc)
        return CMD_FAILED;
    _cleanup_free_ xmlNodePtr *nodes = NULL;
    int n = dev_select(doc, "/domain/devices/graphics[@type='vnc']", &nodes);
    _cleanup_free_ char *port_s = n > 0 ? dev_get(nodes[0], "@port") : NULL;
    long long port;
    if (!port_s || parse_ll(port_s, 1, 65535, &port) < 0)
        return error(sh, "domain '%s' has no VNC display with a TCP port", a->domain);
    _cleanup_free_ char *listen = dev_get(nodes[0], "@listen");
    if (!listen)
        listen = dev_get(nodes[0], "listen/@address");
    bool any = !listen || str_eq(listen, "0.0.0.0");
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "listen", any ? NULL : json_object_new_string(listen));
    json_object_object_add(o, "display", json_object_new_int64(port - 5900));
    json_object_object_add(o, "port", json_object_new_int64(port));
    _cleanup_free_ char *text = xasprintf("%s:%lld", any ? "" : listen, port - 5900);
    out_value(&sh->out, o, text);
    return CMD_OK;
}

static int cmd_devices_ttyconsole(struct shell *sh, void *opaque)
{
    struct display_args *a = opaque;
    _cleanup_domain_ virDomainPtr d = conn_lookup_domain(sh, a->domain);
    if (!d)
        return CMD_FAILED;
    _cleanup_(xml_doc_freep) xmlDocPtr doc = dev_domain_xml(sh, d, false, false);
    if (!doc)
        return CMD_FAILED;
    _cleanup_free_ char *tty = xml_get(xmlDocGetRootElement(doc), "/domain/devices/console/@tty");
    if (!tty)
        return error(sh, "domain '%s' has no console on a TTY (is it running, with a pty "
                     "console?)", a->domain);
    _cleanup_json_ struct json_object *o = json_object_new_object();
    json_object_object_add(o, "tty", json_object_new_string(tty));
    out_value(&sh->out, o, tty);
    return CMD_OK;
}

#define DOM_ROW(st) ARG_DOMAIN(st, domain, COMPL_DOMAIN_ACTIVE)

const struct cmd_def devices_display_cmds[] = {
    { .name = "screenshot", .summary = "save a running domain's screen as an image",
      .desc = "Take a picture of the domain's screen (--screen: which one, from 0) and save it "
              "to FILE, by default DOMAIN-DATE-TIME.png in the current directory.  The image "
              "is PNG: a screen dump that arrives as PPM is converted (virsh writes the PPM as "
              "it comes).  The file appears whole "
              "or not at all.  JSON: name, id, uuid, file, mime_type (what was written), "
              "screen_mime_type (what the hypervisor sent), width, height.",
      .run = cmd_devices_screenshot, .args_size = sizeof(struct screenshot_args),
      .flags = CMD_MODIFIES,
      .result = RESULT_OBJECT(DOMAIN_IDENT_FIELDS,
                              { "file", RT_STRING, "the image file" },
                              { "mime_type", RT_STRING, "its type (image/png)" },
                              { "screen_mime_type", RT_STRING, "the type the hypervisor sent" },
                              { "width", RT_INT | RT_NULL, "its width in pixels" },
                              { "height", RT_INT | RT_NULL, "its height in pixels" }),
      .opts = OPTS(DOM_ROW(struct screenshot_args),
                   OPT_STRING(struct screenshot_args, "file", file, "where to save the image",
                              .flags = OPT_POSITIONAL, .complete = COMPL_FILE),
                   OPT_INT(struct screenshot_args, "screen", screen, 0, UINT_MAX,
                           "the screen to take (from 0)", .flags = OPT_POSITIONAL)) },
    { .name = "domdisplay", .summary = "show the URI of a running domain's graphical display",
      .desc = "Print the URI a viewer connects to (vnc://HOST:DISPLAY, spice://HOST:PORT, "
              "vnc+unix:///SOCKET, ...): the first display, the one of --type, or with --all "
              "every one.  --include-password puts the password in the URI.  A display "
              "listening on every address shows the connection's host.  JSON: [{type, uri}].",
      .run = cmd_devices_domdisplay, .args_size = sizeof(struct display_args),
      .result = RESULT_ARRAY({ "type", RT_STRING, "vnc, spice, rdp or dbus" },
                             { "uri", RT_STRING, "what a viewer connects to" }),
      .opts = OPTS(DOM_ROW(struct display_args),
                   OPT_FLAG(struct display_args, "include-password", include_password,
                            "include the display's password in the URI"),
                   OPT_STRING(struct display_args, "type", type,
                              "only this kind of display: vnc, spice, rdp or dbus",
                              .flags = OPT_POSITIONAL),
                   OPT_FLAG(struct display_args, "all", all, "every display, one a line")) },
    { .name = "vncdisplay", .summary = "show the address and display number of a domain's VNC",
      .desc = "Print the VNC display as ADDRESS:DISPLAY (DISPLAY: the port minus 5900; no "
              "address when it listens on every address).  JSON: listen (null for every "
              "address), display, port.",
      .run = cmd_devices_vncdisplay, .args_size = sizeof(struct display_args),
      .result = RESULT_OBJECT({ "listen", RT_STRING | RT_NULL, "the address it listens on" },
                              { "display", RT_INT, "the VNC display number" },
                              { "port", RT_INT, "its TCP port" }),
      .opts = OPTS(DOM_ROW(struct display_args)) },
    { .name = "ttyconsole", .summary = "show the host TTY of a domain's console",
      .desc = "Print the host's pseudo-terminal the domain's console is on (/dev/pts/N).  "
              "JSON: {tty}.",
      .run = cmd_devices_ttyconsole, .args_size = sizeof(struct display_args),
      .result = RESULT_OBJECT({ "tty", RT_STRING, "the console's pseudo-terminal" }),
      .opts = OPTS(DOM_ROW(struct display_args)) },
    { 0 },
};
