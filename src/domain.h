/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* domain.h - helpers shared by the domain command groups. */
#pragma once

#include <json-c/json.h>
#include <libvirt/libvirt.h>

#include "shell.h"

/* Report an action done to a domain: text "Domain 'NAME' <text>" (unless -q),
 * JSON {"name": ..., "uuid": ..., "result": RESULT}. Returns CMD_OK. */
int domain_report(struct shell *sh, virDomainPtr dom, const char *result, const char *text);
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
