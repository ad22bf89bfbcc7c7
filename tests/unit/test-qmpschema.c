/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* test-qmpschema.c - QMP introspection read as QEMU sends it (numbered type
 * names, optional members marked by a "default" key, unions with a tag and
 * variants, alternates, arrays): names, descriptions in JSON and text, the
 * check a request must pass before it is sent, and completion words. */
#include "unit.h"

#include "core/util.h"
#include "guest/qmpschema.h"

/*
 * A small schema in the shape of QEMU 7.2's query-qmp-schema reply.  Type
 * names are numbers, as QEMU masks them; "0" is the empty object.
 */
static const char schema_json[] =
    "["
    "{\"name\":\"query-status\",\"meta-type\":\"command\",\"arg-type\":\"0\",\"ret-type\":\"1\"},"
    "{\"name\":\"stop\",\"meta-type\":\"command\",\"arg-type\":\"0\",\"ret-type\":\"0\"},"
    "{\"name\":\"set_link\",\"meta-type\":\"command\",\"arg-type\":\"3\",\"ret-type\":\"0\"},"
    "{\"name\":\"human-monitor-command\",\"meta-type\":\"command\",\"arg-type\":\"4\",\"ret-type\":\"str\","
    " \"features\":[\"savevm-monitor-nodes\"]},"
    "{\"name\":\"device_add\",\"meta-type\":\"command\",\"arg-type\":\"5\",\"ret-type\":\"0\"},"
    "{\"name\":\"blockdev-add\",\"meta-type\":\"command\",\"arg-type\":\"6\",\"ret-type\":\"0\"},"
    "{\"name\":\"send-key\",\"meta-type\":\"command\",\"arg-type\":\"11\",\"ret-type\":\"0\"},"
    "{\"name\":\"query-block\",\"meta-type\":\"command\",\"arg-type\":\"0\",\"ret-type\":\"[14]\","
    " \"allow-oob\":true},"
    "{\"name\":\"SHUTDOWN\",\"meta-type\":\"event\",\"arg-type\":\"15\"},"
    "{\"name\":\"STOP\",\"meta-type\":\"event\",\"arg-type\":\"0\"},"
    "{\"name\":\"0\",\"meta-type\":\"object\",\"members\":[]},"
    "{\"name\":\"1\",\"meta-type\":\"object\",\"members\":["
    " {\"name\":\"running\",\"type\":\"bool\"},{\"name\":\"status\",\"type\":\"2\"}]},"
    "{\"name\":\"2\",\"meta-type\":\"enum\",\"values\":[\"debug\",\"paused\",\"running\"]},"
    "{\"name\":\"3\",\"meta-type\":\"object\",\"members\":["
    " {\"name\":\"name\",\"type\":\"str\"},{\"name\":\"up\",\"type\":\"bool\"}]},"
    "{\"name\":\"4\",\"meta-type\":\"object\",\"members\":["
    " {\"name\":\"command-line\",\"type\":\"str\"},{\"name\":\"cpu-index\",\"default\":null,\"type\":\"int\"}]},"
    "{\"name\":\"5\",\"meta-type\":\"object\",\"members\":["
    " {\"name\":\"driver\",\"type\":\"str\"},{\"name\":\"id\",\"default\":null,\"type\":\"str\"}]},"
    /* a union: members common to every driver, and a variant per driver */
    "{\"name\":\"6\",\"meta-type\":\"object\",\"tag\":\"driver\",\"members\":["
    " {\"name\":\"driver\",\"type\":\"7\"},{\"name\":\"node-name\",\"default\":null,\"type\":\"str\"}],"
    " \"variants\":[{\"case\":\"file\",\"type\":\"8\"},{\"case\":\"qcow2\",\"type\":\"9\"},"
    "  {\"case\":\"raw\",\"type\":\"9\"}]},"
    "{\"name\":\"7\",\"meta-type\":\"enum\",\"values\":[\"file\",\"qcow2\",\"raw\"]},"
    "{\"name\":\"8\",\"meta-type\":\"object\",\"members\":[{\"name\":\"filename\",\"type\":\"str\"}]},"
    "{\"name\":\"9\",\"meta-type\":\"object\",\"members\":[{\"name\":\"file\",\"type\":\"10\"}]},"
    "{\"name\":\"10\",\"meta-type\":\"alternate\",\"members\":[{\"type\":\"6\"},{\"type\":\"str\"}]},"
    "{\"name\":\"11\",\"meta-type\":\"object\",\"members\":["
    " {\"name\":\"keys\",\"type\":\"[12]\"},{\"name\":\"hold-time\",\"default\":null,\"type\":\"int\"}]},"
    "{\"name\":\"[12]\",\"meta-type\":\"array\",\"element-type\":\"12\"},"
    "{\"name\":\"12\",\"meta-type\":\"object\",\"tag\":\"type\",\"members\":[{\"name\":\"type\",\"type\":\"13\"}],"
    " \"variants\":[{\"case\":\"qcode\",\"type\":\"16\"},{\"case\":\"number\",\"type\":\"17\"}]},"
    "{\"name\":\"13\",\"meta-type\":\"enum\",\"values\":[\"number\",\"qcode\"]},"
    "{\"name\":\"16\",\"meta-type\":\"object\",\"members\":[{\"name\":\"data\",\"type\":\"18\"}]},"
    "{\"name\":\"17\",\"meta-type\":\"object\",\"members\":[{\"name\":\"data\",\"type\":\"int\"}]},"
    "{\"name\":\"18\",\"meta-type\":\"enum\",\"values\":[\"shift\",\"ctrl\",\"alt\"]},"
    "{\"name\":\"[14]\",\"meta-type\":\"array\",\"element-type\":\"14\"},"
    /* recursive: an image has a backing image of the same type */
    "{\"name\":\"14\",\"meta-type\":\"object\",\"members\":["
    " {\"name\":\"device\",\"type\":\"str\"},{\"name\":\"backing\",\"default\":null,\"type\":\"14\"}]},"
    "{\"name\":\"15\",\"meta-type\":\"object\",\"members\":[{\"name\":\"guest\",\"type\":\"bool\"}]},"
    /* an alternate that holds an array of itself: a JSON tree of strings */
    "{\"name\":\"x-tree\",\"meta-type\":\"command\",\"arg-type\":\"21\",\"ret-type\":\"0\"},"
    "{\"name\":\"21\",\"meta-type\":\"object\",\"members\":[{\"name\":\"tree\",\"type\":\"20\"}]},"
    "{\"name\":\"20\",\"meta-type\":\"alternate\",\"members\":[{\"type\":\"[20]\"},{\"type\":\"str\"}]},"
    "{\"name\":\"[20]\",\"meta-type\":\"array\",\"element-type\":\"20\"},"
    "{\"name\":\"str\",\"meta-type\":\"builtin\",\"json-type\":\"string\"},"
    "{\"name\":\"int\",\"meta-type\":\"builtin\",\"json-type\":\"int\"},"
    "{\"name\":\"bool\",\"meta-type\":\"builtin\",\"json-type\":\"boolean\"},"
    "{\"name\":\"any\",\"meta-type\":\"builtin\",\"json-type\":\"value\"}"
    "]";

static char err[512];

static int setup(void **state)
{
    struct json_object *info = json_tokener_parse(schema_json);
    assert_non_null(info);
    *state = qmp_schema_new(info, err, sizeof(err));
    json_object_put(info); /* the schema holds its own reference */
    assert_non_null(*state);
    return 0;
}

static int teardown(void **state)
{
    qmp_schema_free(*state);
    return 0;
}

/* Check a request given as JSON text: NULL if accepted, else the message. */
static const char *check(void **state, const char *req_json)
{
    struct json_object *req = json_tokener_parse(req_json);
    assert_non_null(req);
    err[0] = '\0';
    int rc = qmp_schema_check(*state, req, err, sizeof(err));
    json_object_put(req);
    if (rc == 0)
        return NULL;
    assert_int_equal(rc, -1);
    assert_true(err[0] != '\0');
    return err;
}

#define assert_accepted(req)                                       \
    do {                                                           \
        const char *e_ = check(state, req);                        \
        if (e_)                                                    \
            fail_msg("%s rejected: %s", req, e_);                  \
    } while (0)

#define assert_rejected(req, expected)                             \
    do {                                                           \
        const char *e_ = check(state, req);                        \
        if (!e_)                                                   \
            fail_msg("%s accepted", req);                          \
        assert_string_equal(e_, expected);                         \
    } while (0)

static void test_not_a_schema(void **state)
{
    (void)state;
    struct json_object *o = json_tokener_parse("{\"return\":[]}");
    assert_null(qmp_schema_new(o, err, sizeof(err)));
    assert_non_null(strstr(err, "not an array"));
    json_object_put(o);
    o = json_tokener_parse("[{\"name\":\"x\"}]");
    assert_null(qmp_schema_new(o, err, sizeof(err)));
    assert_non_null(strstr(err, "without name or meta-type"));
    json_object_put(o);
}

static void test_names(void **state)
{
    char **cmds = qmp_schema_names(*state, "command");
    const char *want[] = { "blockdev-add", "device_add", "human-monitor-command", "query-block",
                           "query-status", "send-key", "set_link", "stop", "x-tree", NULL };
    for (size_t i = 0; want[i]; i++) {
        assert_non_null(cmds[i]);
        assert_string_equal(cmds[i], want[i]);
    }
    assert_null(cmds[9]);
    for (char **p = cmds; *p; p++)
        free(*p);
    free(cmds);
    char **events = qmp_schema_names(*state, "event");
    assert_string_equal(events[0], "SHUTDOWN");
    assert_string_equal(events[1], "STOP");
    assert_null(events[2]);
    for (char **p = events; *p; p++)
        free(*p);
    free(events);
    assert_string_equal(qmp_schema_meta_type(*state, "STOP"), "event");
    assert_null(qmp_schema_meta_type(*state, "nope"));
}

static void test_suggest(void **state)
{
    assert_string_equal(qmp_schema_suggest(*state, "command", "query-statsu"), "query-status");
    /* '-' and '_' count as the same */
    assert_string_equal(qmp_schema_suggest(*state, "command", "set-link"), "set_link");
    assert_string_equal(qmp_schema_suggest(*state, "command", "device-add"), "device_add");
    assert_null(qmp_schema_suggest(*state, "command", "migrate-set-parameters"));
    assert_string_equal(qmp_schema_suggest(*state, "event", "SHUTDOWM"), "SHUTDOWN");
}

static char *describe(void **state, const char *name)
{
    struct json_object *d = qmp_schema_describe(*state, name);
    assert_non_null(d);
    char *s = xstrdup(json_object_to_json_string_ext(d, JSON_C_TO_STRING_PLAIN));
    json_object_put(d);
    return s;
}

static void test_describe_json(void **state)
{
    char *s = describe(state, "human-monitor-command");
    assert_string_equal(s,
        "{\"name\":\"human-monitor-command\",\"kind\":\"command\","
        "\"arguments\":{\"type\":\"object\",\"members\":["
        "{\"name\":\"command-line\",\"required\":true,\"type\":\"str\"},"
        "{\"name\":\"cpu-index\",\"required\":false,\"type\":\"int\"}]},"
        "\"returns\":{\"type\":\"str\"},\"allow_oob\":false,\"features\":[\"savevm-monitor-nodes\"]}");
    free(s);

    /* enum values; an array named after its element; a recursive type stops */
    s = describe(state, "query-block");
    assert_string_equal(s,
        "{\"name\":\"query-block\",\"kind\":\"command\",\"arguments\":{\"type\":\"object\",\"members\":[]},"
        "\"returns\":{\"type\":\"[object]\",\"items\":{\"type\":\"object\",\"members\":["
        "{\"name\":\"device\",\"required\":true,\"type\":\"str\"},"
        "{\"name\":\"backing\",\"required\":false,\"type\":\"object\",\"recursive\":true}]}},"
        "\"allow_oob\":true,\"features\":[]}");
    free(s);

    s = describe(state, "SHUTDOWN");
    assert_string_equal(s, "{\"name\":\"SHUTDOWN\",\"kind\":\"event\",\"data\":{\"type\":\"object\","
                           "\"members\":[{\"name\":\"guest\",\"required\":true,\"type\":\"bool\"}]},"
                           "\"features\":[]}");
    free(s);

    /* a union: tag and variants; an alternate reads "object|str" */
    s = describe(state, "blockdev-add");
    assert_non_null(strstr(s, "\"tag\":\"driver\""));
    assert_non_null(strstr(s, "{\"case\":\"file\",\"members\":[{\"name\":\"filename\",\"required\":true,"
                              "\"type\":\"str\"}]}"));
    assert_non_null(strstr(s, "\"name\":\"file\",\"required\":true,\"type\":\"object|str\",\"alternatives\":"));
    free(s);

    assert_null(qmp_schema_describe(*state, "str"));  /* a type, not a command */
    assert_null(qmp_schema_describe(*state, "nope"));
}

static char *describe_text(void **state, const char *name)
{
    struct json_object *d = qmp_schema_describe(*state, name);
    assert_non_null(d);
    char *t = qmp_schema_describe_text(d);
    json_object_put(d);
    return t;
}

static void test_describe_text(void **state)
{
    char *t = describe_text(state, "query-status");
    assert_string_equal(t, "Command: query-status\n"
                           "Arguments: none\n"
                           "Returns: object\n"
                           "  running  bool\n"
                           "  status   enum (debug, paused, running)\n");
    free(t);

    t = describe_text(state, "human-monitor-command");
    assert_string_equal(t, "Command: human-monitor-command\n"
                           "Features: savevm-monitor-nodes\n"
                           "Arguments:\n"
                           "  command-line  str\n"
                           "  cpu-index     int, optional\n"
                           "Returns: str\n");
    free(t);

    /* variants with the same members are written once */
    t = describe_text(state, "blockdev-add");
    assert_string_equal(t, "Command: blockdev-add\n"
                           "Arguments:\n"
                           "  driver     enum (file, qcow2, raw)\n"
                           "  node-name  str, optional\n"
                           "  when driver is 'file':\n"
                           "    filename  str\n"
                           "  when driver is 'qcow2', 'raw':\n"
                           "    file  object|str\n"
                           "Returns: nothing ({})\n");
    free(t);

    t = describe_text(state, "device_add");
    assert_non_null(strstr(t, "(other arguments are not described by the schema"));
    free(t);

    t = describe_text(state, "query-block");
    assert_non_null(strstr(t, "Returns: [object]\n  device   str\n  backing  object (recursive: as above), optional\n"));
    free(t);
}

static void test_check_commands(void **state)
{
    assert_accepted("{\"execute\":\"query-status\"}");
    assert_accepted("{\"execute\":\"query-status\",\"arguments\":{}}");
    assert_rejected("{\"execute\":\"query-statsu\"}", "unknown QMP command 'query-statsu'; did you mean 'query-status'?");
    assert_rejected("{\"execute\":\"frobnicate-everything\"}", "unknown QMP command 'frobnicate-everything'");
    /* an event is not a command */
    assert_rejected("{\"execute\":\"STOP\"}", "unknown QMP command 'STOP'; did you mean 'stop'?");
    assert_rejected("{\"execute\":\"stop\",\"arguments\":[]}", "the arguments of 'stop' must be an object");
    assert_rejected("{\"execute\":\"stop\",\"arguments\":{\"bogus\":\"1\"}}",
                    "'stop' takes no arguments, but 'bogus' was given");
}

static void test_check_arguments(void **state)
{
    assert_accepted("{\"execute\":\"set_link\",\"arguments\":{\"name\":\"net0\",\"up\":false}}");
    assert_rejected("{\"execute\":\"set_link\",\"arguments\":{\"nam\":\"net0\",\"up\":false}}",
                    "'set_link' has no argument 'nam'; did you mean 'name'?");
    assert_rejected("{\"execute\":\"set_link\",\"arguments\":{\"name\":\"net0\",\"down\":false}}",
                    "'set_link' has no argument 'down' (it takes: name, up)");
    assert_rejected("{\"execute\":\"set_link\",\"arguments\":{\"name\":\"net0\"}}",
                    "'set_link' needs argument 'up' (bool)");
    /* key=value gives a string: say how to give JSON when that would fit */
    assert_rejected("{\"execute\":\"set_link\",\"arguments\":{\"name\":\"net0\",\"up\":\"true\"}}",
                    "argument 'up' of 'set_link' must be a boolean, not a string: key=value gives a string; "
                    "write up:=true for JSON");
    assert_rejected("{\"execute\":\"set_link\",\"arguments\":{\"name\":\"net0\",\"up\":\"yes\"}}",
                    "argument 'up' of 'set_link' must be a boolean, not a string");
    assert_rejected("{\"execute\":\"set_link\",\"arguments\":{\"name\":7,\"up\":true}}",
                    "argument 'name' of 'set_link' must be a string, not an integer");
    /* optional members may be left out; int is not number */
    assert_accepted("{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"info status\"}}");
    assert_rejected("{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":\"x\","
                    "\"cpu-index\":1.5}}",
                    "argument 'cpu-index' of 'human-monitor-command' must be an integer, not a number with a "
                    "fraction");
    /* device_add also takes its driver's properties */
    assert_accepted("{\"execute\":\"device_add\",\"arguments\":{\"driver\":\"virtio-rng-pci\",\"max-bytes\":1}}");
    assert_rejected("{\"execute\":\"device_add\",\"arguments\":{\"id\":\"r\"}}",
                    "'device_add' needs argument 'driver' (str)");
}

static void test_check_unions_and_nesting(void **state)
{
    assert_accepted("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"file\",\"filename\":\"/x\"}}");
    assert_rejected("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"file\",\"filenam\":\"/x\"}}",
                    "'blockdev-add' has no argument 'filenam'; did you mean 'filename'?");
    /* a variant's member belongs to its case only */
    assert_rejected("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"raw\",\"filename\":\"/x\","
                    "\"file\":\"n\"}}",
                    "'blockdev-add' has no argument 'filename' (it takes: driver, node-name, file)");
    /* an unknown tag value: only the common members are known */
    assert_rejected("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"fil\",\"filename\":\"/x\"}}",
                    "'blockdev-add' has no argument 'filename' (it takes: driver, node-name)");
    assert_rejected("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"fil\"}}",
                    "argument 'driver' of 'blockdev-add' has no value 'fil'; did you mean 'file'?");
    /* an alternate: a node name or a whole nested definition */
    assert_accepted("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"qcow2\",\"file\":\"n1\"}}");
    assert_accepted("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"qcow2\","
                    "\"file\":{\"driver\":\"file\",\"filename\":\"/x\"}}}");
    assert_rejected("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"qcow2\",\"file\":{\"driver\":\"file\"}}}",
                    "'blockdev-add' needs argument 'file.filename' (str)");
    assert_rejected("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"qcow2\",\"file\":5}}",
                    "argument 'file' of 'blockdev-add' must be object or str, not an integer");
    /* arrays: each element, with its index in the path */
    assert_accepted("{\"execute\":\"send-key\",\"arguments\":{\"keys\":[{\"type\":\"qcode\",\"data\":\"ctrl\"},"
                    "{\"type\":\"number\",\"data\":29}]}}");
    assert_rejected("{\"execute\":\"send-key\",\"arguments\":{\"keys\":[{\"type\":\"qcode\",\"data\":\"ctrl\"},"
                    "{\"type\":\"qcode\",\"data\":\"ctlr\"}]}}",
                    "argument 'keys[1].data' of 'send-key' has no value 'ctlr'; did you mean 'ctrl'?");
    assert_rejected("{\"execute\":\"send-key\",\"arguments\":{\"keys\":\"ctrl\"}}",
                    "argument 'keys' of 'send-key' must be an array, not a string");
    assert_rejected("{\"execute\":\"send-key\",\"arguments\":{\"keys\":[],\"hold-time\":\"100\"}}",
                    "argument 'hold-time' of 'send-key' must be an integer, not a string: key=value gives a "
                    "string; write hold-time:=100 for JSON");
}

/* A type that holds itself through an alternate and an array (no object in
 * between) is described to a bounded depth and checked to a bounded depth. */
static void test_self_holding_alternate(void **state)
{
    char *t = describe_text(state, "x-tree");
    assert_non_null(strstr(t, "  tree  [[[[...]|str]|str]|str]|str\n"));
    free(t);
    assert_accepted("{\"execute\":\"x-tree\",\"arguments\":{\"tree\":[\"a\",[\"b\",[\"c\"]]]}}");
    assert_rejected("{\"execute\":\"x-tree\",\"arguments\":{\"tree\":[\"a\",[1]]}}",
                    "argument 'tree[1][0]' of 'x-tree' must be [[[[...]|str]|str]|str] or str, not an integer");
}

static void test_argument_words(void **state)
{
    char **w = qmp_schema_argument_words(*state, "blockdev-add");
    const char *want[] = { "driver=", "file:=", "filename=", "node-name=", NULL };
    for (size_t i = 0; want[i]; i++) {
        assert_non_null(w[i]);
        assert_string_equal(w[i], want[i]);
        free(w[i]);
    }
    assert_null(w[4]);
    free(w);
    w = qmp_schema_argument_words(*state, "stop");
    assert_non_null(w);
    assert_null(w[0]);
    free(w);
    assert_null(qmp_schema_argument_words(*state, "SHUTDOWN"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_a_schema),
        cmocka_unit_test_setup_teardown(test_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_suggest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_describe_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_describe_text, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_commands, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_arguments, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_unions_and_nesting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_self_holding_alternate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_argument_words, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
