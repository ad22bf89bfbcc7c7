/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* virt/domain.h - what every domain command needs: states as words, reports, XML files. */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>

#include "core/out.h"
#include "virt/context.h"

/* Report an action done to a domain: text "Domain 'NAME' <text>" (unless -q),
 * JSON {"name": ..., "uuid": ..., "result": RESULT}. Returns CMD_OK. */
int domain_report(struct shell *sh, virDomainPtr dom, const char *result, const char *text);
/* The same naming the domain as the user did (`shown`), as virsh's
 * messages of shutdown, destroy, undefine, ... do: "Domain '2' destroyed". */
int domain_report_as(struct shell *sh, virDomainPtr dom, const char *shown, const char *result,
                     const char *text);
/* The same with the whole text line `msg`. */
int domain_report_msg(struct shell *sh, virDomainPtr dom, const char *result, const char *msg);
/* The JSON of every report: the domain's name, id (null if inactive), uuid,
 * and the result word. */
#define DOMAIN_REPORT_RESULT(what) \
    RESULT_OBJECT({ "name", RT_STRING, "the domain's name" }, \
                  { "id", RT_INT | RT_NULL, "its ID, null when it is not running" }, \
                  { "uuid", RT_STRING, "its UUID" }, \
                  { "result", RT_STRING, what })
/* A domain state (virDomainState) as its JSON word: "running", "shutoff",
 * "nostate" for one libvirt added after this was written. */
const char *domain_state_word(int state);
/* The JSON words and how virsh writes them ("shutoff" reads "shut off"),
 * for FMT_WORDS columns and fields. */
extern const struct out_word domain_state_words[];
/* How a state word reads in text. */
const char *domain_state_text(const char *word);
/* State and reason as words: "running", "booted" (JSON) */
const char *domain_reason_word(int state, int reason);
/* Read an XML file for define/create; checks it is well-formed first.
 * Returns the text or NULL with the error recorded. */
char *domain_read_xml_file(struct shell *sh, const char *path);
/* If `requested_xml` names a machine type alias (pc, q35) and libvirt
 * resolved it to a versioned type, say so on stderr: such a guest changes
 * hardware when QEMU is upgraded. */
void domain_note_machine_alias(struct shell *sh, const char *requested_xml, virDomainPtr dom);
/* The name, id (or -1), uuid of a domain as a JSON object base. */
struct json_object *domain_ident_json(virDomainPtr dom);
/* "3,4" (--pass-fds) into *ret_fds (to free) and *ret_n; each must be
 * open here.  NULL: none.  CMD_OK, or the error recorded. */
int domain_parse_fds(struct shell *sh, const char *list, int **ret_fds, unsigned *ret_n);
