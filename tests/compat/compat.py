#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""The conformance suite: virsh and virtsh on the same input, compared.

    compat.py BUILDDIR [PATTERN...]     run the cases, print TAP
    compat.py --man HEAD.rst DIFFERENCES.TXT
                                        print HEAD.rst with its marker line
                                        replaced by the section made from the
                                        list of intended differences
    compat.py --todo BUILDDIR           run every case, then print each
                                        todo.txt entry with how many cases
                                        it explains

Every case in cases/*.txt runs through virsh (the reference: $VIRSH, default
/usr/bin/virsh) and through virtsh ($VIRTSH, default BUILDDIR/src/virtsh)
against libvirt's test driver with tests/data/node.xml, from tests/data, and
the two runs are compared: standard output byte for byte, whether anything
was written to standard error, and the exit status class (success or
failure; the exact status for cases marked +exit).  differences.txt lists
the differences kept on purpose, todo.txt those that are virtsh defects.
README.rst describes the three kinds of file.

PATTERN ('*' matches anything) runs only the matching cases and skips the
checks of the lists as a whole.  Environment: VIRSH, VIRTSH,
VIRTSH_COMPAT_JOBS (processes at once, default 2 per CPU),
VIRTSH_COMPAT_VERBOSE=1 (show the differences of TODO cases too).
"""

import difflib
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
SRCDIR = os.path.dirname(os.path.dirname(HERE))
DATA = os.path.join(SRCDIR, 'tests', 'data')
NODE = os.path.join(DATA, 'node.xml')
URI = 'test://' + NODE

ASPECTS = ('stdout', 'blank-lines', 'stderr', 'stderr-lines', 'status', 'exit-code')
# Global options of both programs that take a value as the next word.
VALUE_OPTIONS = {'-c', '--connect', '-d', '--debug', '-l', '--log', '-k',
                 '--keepalive-interval', '-K', '--keepalive-count', '-e',
                 '--escape', '-o', '--output', '-f', '--file'}


class Error(Exception):
    pass


def glob_regex(pattern):
    """An anchored regex for PATTERN, where only '*' is special."""
    return re.compile(''.join('.*' if c == '*' else re.escape(c) for c in pattern) + r'\Z',
                      re.S)


# ------------------------------------------------------------------ cases
class Case:
    def __init__(self, line, src):
        self.id = line
        self.src = src
        self.exact = False
        self.conn = True
        self.env = {}
        rest = line
        while rest.startswith('+'):
            flag, _, rest = rest.partition(' ')
            rest = rest.lstrip()
            if flag == '+exit':
                self.exact = True
            elif flag == '+noconn':
                self.conn = False
            elif flag.startswith('+env:') and '=' in flag:
                name, _, value = flag[5:].partition('=')
                self.env[name] = value.replace('@DATA@', DATA)
            else:
                raise Error(f"unknown flag '{flag}'")
        self.script = None
        m = re.search(r'(^|\s)<<<(\s|$)', rest)
        if m:
            self.script = rest[m.end():].strip().replace('\\n', '\n') + '\n'
            rest = rest[:m.start()]
        try:
            self.words = shlex.split(rest)
        except ValueError as e:
            raise Error(f'cannot split the words: {e}') from None
        self.script_file = '@SCRIPT@' in rest

    def argv(self, prog, script_path):
        words = [w.replace('@URI@', URI).replace('@DATA@', DATA)
                 .replace('@SCRIPT@', script_path) for w in self.words]
        return [prog] + (['-c', URI] if self.conn else []) + words

    def commands(self):
        """The command words of this case: the first word after the global
        options, split like a command string, and each line of its script."""
        texts = []
        skip = False
        for w in self.words:
            if skip:
                skip = False
            elif w in VALUE_OPTIONS:
                skip = True
            elif not w.startswith('-'):
                texts.append(w)
                break
        if self.script:
            texts.append(self.script)
        out = set()
        for t in texts:
            for piece in re.split(r'[;\n]', t):
                words = piece.split()
                if words:
                    out.add(words[0])
        return out


def load_cases(errors):
    cases, seen = [], {}
    folder = os.path.join(HERE, 'cases')
    for name in sorted(os.listdir(folder)):
        if not name.endswith('.txt'):
            continue
        with open(os.path.join(folder, name), encoding='utf-8') as f:
            for lineno, line in enumerate(f, 1):
                line = line.strip()
                if not line or line.startswith('#'):
                    continue
                src = f'cases/{name}:{lineno}'
                if line in seen:
                    errors.append(f'{src}: the same case as {seen[line]}')
                    continue
                seen[line] = src
                try:
                    cases.append(Case(line, src))
                except Error as e:
                    errors.append(f'{src}: {e}')
    return cases


# ------------------------------------------------- differences.txt, todo.txt
class Entry:
    def __init__(self, kind, src):
        self.kind = kind
        self.src = src
        self.patterns = []
        self.regexes = []
        self.differs = set()
        self.may = set()
        self.what = ''
        self.why = ''
        self.cause = ''
        self.command = ''
        self.filter = None
        self.checked_by = ''
        self.used = False
        self.cases = []

    def names(self, case_id):
        return any(r.match(case_id) for r in self.regexes)


def load_entries(kind, path, errors):
    """Stanzas separated by blank lines, '#' comment lines; a line starting
    with blanks continues the field above it.  A comment line '## NAME'
    (todo.txt) starts the group of entries of command NAME."""
    entries, cur, field, group = [], None, None, ''
    texts = {'differences': ('what', 'why'), 'todo': ('cause',)}[kind]
    base = os.path.basename(path)
    if not os.path.exists(path):
        return entries
    with open(path, encoding='utf-8') as f:
        lines = list(enumerate(f, 1))
    for lineno, line in lines:
        line = line.rstrip('\n')
        if line.startswith('## '):
            group = line[3:].strip()
        if line.startswith('#'):
            continue
        if not line.strip():
            cur = field = None
            continue
        if line[0].isspace():
            if cur is None or field not in texts:
                errors.append(f'{base}:{lineno}: a continuation line that continues no text field')
            else:
                setattr(cur, field, getattr(cur, field) + ' ' + line.strip())
            continue
        key, sep, value = line.partition(':')
        value = value.strip()
        if not sep:
            errors.append(f"{base}:{lineno}: not a 'field: value' line")
            continue
        if cur is None:
            cur = Entry(kind, f'{base}:{lineno}')
            cur.command = group
            entries.append(cur)
        field = key
        if key == 'case':
            cur.patterns.append(value)
            cur.regexes.append(glob_regex(value))
        elif key in ('differs', 'may-differ'):
            for a in value.split():
                if a not in ASPECTS:
                    errors.append(f"{base}:{lineno}: unknown aspect '{a}' (one of {', '.join(ASPECTS)})")
            if key == 'differs':
                cur.differs = set(value.split())
            else:
                cur.may = set(value.split())
        elif key == 'checked-by' and kind == 'differences':
            cur.checked_by = value
        elif key == 'filter' and kind == 'differences':
            try:
                cur.filter = re.compile(value.encode(), re.M)
            except re.error as x:
                errors.append(f"{base}:{lineno}: bad filter: {x}")
        elif key in texts:
            setattr(cur, key, value)
        else:
            errors.append(f"{base}:{lineno}: unknown field '{key}'")
    for e in entries:
        for need in ('case', 'differs') + texts:
            if need in ('case', 'differs') and e.checked_by:
                continue
            if need == 'differs' and (e.filter or e.may):
                continue
            have = e.patterns if need == 'case' else getattr(e, need)
            if not have:
                errors.append(f"{e.src}: an entry with no '{need}:'")
    return entries


MAN_MARKER = '.. DIFFERENCES FROM VIRSH:'


def rst_section(entries):
    out = ['DIFFERENCES FROM VIRSH', '======================', '',
           'virtsh takes its command names, options and text output from **virsh**\\ (1),',
           'and a conformance suite runs both on the same input.  These are the',
           'differences it keeps on purpose (the suite reads the same list from',
           "``tests/compat/differences.txt`` in virtsh's sources); anything else that",
           'differs is a bug.', '']
    for e in entries:
        out += [e.what, '    ' + e.why, '']
    return '\n'.join(out)


def man_page(head, entries):
    """The man page's hand-written part HEAD with its marker line replaced
    by the section made from ENTRIES."""
    with open(head, encoding='utf-8') as f:
        lines = f.read().split('\n')
    at = [i for i, l in enumerate(lines) if l.startswith(MAN_MARKER)]
    if len(at) != 1:
        raise Error(f"{head}: expected one line starting with '{MAN_MARKER}'")
    return '\n'.join(lines[:at[0]] + [rst_section(entries)] + lines[at[0] + 1:])


# --------------------------------------------------------------- running
def clean_env():
    env = dict(os.environ)
    for k in ('LIBVIRT_DEFAULT_URI', 'VIRSH_DEFAULT_CONNECT_URI', 'VISUAL', 'EDITOR',
              'VIRTSH_HISTSIZE', 'VIRSH_LOG_FILE', 'VIRSH_DEBUG'):
        env.pop(k, None)
    env.update(LC_ALL='C.UTF-8', NO_COLOR='1', TZ='UTC')
    return env


class Run:
    def __init__(self, out, err, rc, secs):
        self.out, self.err, self.rc, self.secs = out, err, rc, secs


def run_one(case, prog, name, casedir, env):
    home = os.path.join(casedir, name)
    os.makedirs(home, exist_ok=True)
    e = dict(env, HOME=home, XDG_STATE_HOME=home + '/state', XDG_CONFIG_HOME=home + '/config',
             XDG_CACHE_HOME=home + '/cache', XDG_RUNTIME_DIR=home + '/run')
    e.update(case.env)
    script = os.path.join(casedir, 'script')
    stdin = b''
    if case.script is not None and not case.script_file:
        stdin = case.script.encode()
    t0 = time.monotonic()
    try:
        p = subprocess.run(case.argv(prog, script), cwd=DATA, env=e, input=stdin,
                           capture_output=True, timeout=30)
        out, err, rc = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as x:
        out, err, rc = x.stdout or b"", x.stderr or b"", 124
    return Run(out, err, rc, time.monotonic() - t0)


def run_all(cases, programs, jobs, tmp):
    env = clean_env()
    futures = []
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for i, case in enumerate(cases):
            casedir = os.path.join(tmp, str(i))
            os.makedirs(casedir)
            if case.script is not None:
                with open(os.path.join(casedir, 'script'), 'w', encoding='utf-8') as f:
                    f.write(case.script)
            futures.append([pool.submit(run_one, case, prog, name, casedir, env)
                            for name, prog in programs])
    return [[f.result() for f in pair] for pair in futures]


# ------------------------------------------------------------- comparing
NORMALIZE = [
    # The CPU time the test driver derives from the clock.
    (re.compile(rb'^(CPU time: *)[0-9][0-9.]*s$', re.M), rb'\1@CPUTIME@'),
    # And the disk and interface counters (domblkstat, domifstat).
    (re.compile(rb'^(\S* (rd_req|rd_bytes|wr_req|wr_bytes|errs|[rt]x_[a-z]+|'
                rb'number of [a-z ]+:|error count:) +)[0-9]+$', re.M), rb'\1@N@'),
]


def normalize(b):
    for rx, rep in NORMALIZE:
        b = rx.sub(rep, b)
    return b


def aspects(ref, new, exact):
    got = set()
    a, b = normalize(ref.out), normalize(new.out)
    if a != b:
        blank = re.compile(rb'^\n', re.M)
        got.add('blank-lines' if blank.sub(b'', a) == blank.sub(b'', b) else 'stdout')
    if bool(ref.err) != bool(new.err):
        got.add('stderr')
    elif ref.err.count(b'\n') != new.err.count(b'\n'):
        got.add('stderr-lines')
    if (ref.rc == 0) != (new.rc == 0):
        got.add('status')
    elif exact and ref.rc != new.rc:
        got.add('exit-code')
    return got


def explain(case, ref, new):
    lines = [f'from {case.src}', f'exit status: virsh {ref.rc}, virtsh {new.rc}']
    a = normalize(ref.out).decode(errors='replace').splitlines(keepends=True)
    b = normalize(new.out).decode(errors='replace').splitlines(keepends=True)
    diff = list(difflib.unified_diff(a, b, 'virsh', 'virtsh'))
    lines += [d.rstrip('\n') if d.endswith('\n') else d + ' [no newline]' for d in diff[:40]]
    for name, r in (('virsh', ref), ('virtsh', new)):
        lines += [f'{name} stderr: {l}' for l in r.err.decode(errors='replace').splitlines()[:3]]
    return ['# ' + l for l in lines]


def tap_desc(s):
    return s.replace('\\', '\\\\').replace('#', '\\#')


def fmt(s):
    return ' '.join(sorted(s)) or 'nothing'


def classify(case, ref, new, diffs, todos):
    """TAP lines for one case, and its kind: same, diff, todo or fail.

    Every entry of differences.txt naming the case contributes: its filter
    is applied to virsh's output before comparing, the aspects of its
    'differs' must differ and those of its 'may-differ' may.  What is off from that must be covered by the
    aspects of todo.txt entries naming the case (a TODO), or the case fails.
    """
    named = [e for e in diffs if e.names(case.id)]
    filtered, changed = ref, []
    for e in named:
        if e.filter:
            out = e.filter.sub(b'', filtered.out)
            if out != filtered.out:
                changed.append(e)
            filtered = Run(out, filtered.err, filtered.rc, filtered.secs)
    got = aspects(filtered, new, case.exact)
    want = set().union(*(e.differs for e in named)) if named else set()
    may = set().union(*(e.may for e in named)) if named else set()
    off = (got - want - may) | (want - got)
    desc = tap_desc(case.id)
    # An entry is seen when its filter changed virsh's output, or the
    # aspects it names differ (whatever else may be off in this case).
    shown = [e for e in named if e in changed or (e.differs and e.differs <= got)
             or (not e.differs and e.may & got)]
    for e in shown:
        e.used = True
    if not off:
        if shown:
            srcs = ', '.join(e.src for e in shown)
            return [f'ok - {desc} (intended difference: {fmt(got) if got else "filtered"}; {srcs})'], 'diff'
        return [f'ok - {desc}'], 'same'
    tnamed = [t for t in todos if t.names(case.id)]
    covered = set().union(*(t.differs for t in tnamed)) if tnamed else set()
    if off <= covered:
        why = []
        for t in tnamed:
            if t.differs & off:
                t.used = True
                t.cases.append(case.id)
                why.append(t.cause)
        return [f'not ok - {desc} # TODO {tap_desc("; ".join(why))}'], 'todo'
    if named:
        head = (f'# {", ".join(e.src for e in named)} expect it to differ in: {fmt(want)};'
                f' it differs in: {fmt(got)}')
    else:
        head = f'# differs from virsh in: {fmt(got)}'
    if covered:
        head += f' (todo.txt covers: {fmt(covered)})'
    return [f'not ok - {desc}', head] + explain(case, filtered, new), 'fail'


# ---------------------------------------------- the lists and the coverage
def help_commands(prog):
    p = subprocess.run([prog, 'help'], capture_output=True, env=clean_env(), timeout=30)
    return {m.group(1).decode() for m in re.finditer(rb'^    ([a-z][a-z0-9-]*)\s', p.stdout, re.M)}


def man_check(builddir, diffs):
    man = os.path.join(builddir, 'man', 'virtsh.1')
    if not os.path.exists(man):
        return ['ok - the man page lists every intended difference # SKIP man page not built'], True
    with open(man, encoding='utf-8') as f:
        text = f.read()
    for a, b in ((r'\-', '-'), (r'\(aq', "'"), (r'\(dq', '"'), (r'\e', '\\'), (r'\&', ''),
                 (r'\(ti', '~'), (r'\(ha', '^')):
        text = text.replace(a, b)
    text = re.sub(r'\\f[BIPR]', '', text)
    text = ' '.join(text.split())
    missing = [] if '.SH DIFFERENCES FROM VIRSH' in text else ['the section DIFFERENCES FROM VIRSH']
    missing += [e.src for e in diffs if ' '.join(e.what.replace('`', '').split()) not in text]
    if missing:
        return ['not ok - the man page lists every intended difference',
                '# missing (rebuild? man/meson.build makes it from differences.txt): '
                + ', '.join(missing)], False
    return ['ok - the man page lists every intended difference'], True


def main(argv):
    if argv[:1] == ['--man'] and len(argv) == 3:
        errors = []
        entries = load_entries('differences', argv[2], errors)
        try:
            text = man_page(argv[1], entries)
        except Error as e:
            errors.append(str(e))
        if errors:
            sys.exit('\n'.join(errors))
        print(text)
        return 0
    todo_report = argv[:1] == ['--todo']
    if todo_report:
        argv = argv[1:]
    if not argv:
        print(f'usage: {sys.argv[0]} BUILDDIR [PATTERN...]', file=sys.stderr)
        return 2
    builddir, patterns = os.path.abspath(argv[0]), argv[1:]
    virtsh = os.environ.get('VIRTSH') or os.path.join(builddir, 'src', 'virtsh')
    virsh = os.environ.get('VIRSH') or '/usr/bin/virsh'
    jobs = int(os.environ.get('VIRTSH_COMPAT_JOBS') or 2 * (os.cpu_count() or 1))
    verbose = os.environ.get('VIRTSH_COMPAT_VERBOSE') == '1'
    if not os.access(virtsh, os.X_OK):
        print(f'1..1\nnot ok 1 - virtsh is built ({virtsh} missing)')
        return 1
    if not os.access(virsh, os.X_OK):
        print(f'1..0 # SKIP no virsh to compare with ({virsh}; package libvirt-clients)')
        return 0

    errors = []
    cases = load_cases(errors)
    diffs = load_entries('differences', os.path.join(HERE, 'differences.txt'), errors)
    todos = load_entries('todo', os.path.join(HERE, 'todo.txt'), errors)
    if patterns:
        rx = [glob_regex(p) for p in patterns]
        cases = [c for c in cases if any(r.match(c.id) for r in rx)]

    t0 = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='virtsh-compat.') as tmp:
        runs = run_all(cases, [('virsh', virsh), ('virtsh', virtsh)], jobs, tmp)
    elapsed = time.monotonic() - t0

    lines, counts = [], {'same': 0, 'diff': 0, 'todo': 0, 'fail': 0}
    for case, (ref, new) in zip(cases, runs):
        out, kind = classify(case, ref, new, diffs, todos)
        counts[kind] += 1
        lines += out
        if kind == 'todo' and verbose:
            lines += explain(case, ref, new)

    if not patterns:
        for e in errors:
            lines.append(f'not ok - {tap_desc(e)}')
        for e in diffs:
            if not e.used and not e.checked_by:
                lines.append(f'not ok - {e.src}: no case shows this difference ({e.what})')
        for e in todos:
            if not e.used:
                lines.append(f'not ok - {e.src}: no case fails this way any more; remove the entry'
                             f' ({tap_desc(e.cause)})')
        both = help_commands(virsh) & help_commands(virtsh)
        covered = set().union(*(c.commands() for c in cases))
        missing = sorted(both - covered)
        desc = f'every command virsh and virtsh both have ({len(both)}) has a case'
        lines += [f'not ok - {desc}', '# no case for: ' + ' '.join(missing)] if missing \
            else [f'ok - {desc}']
        lines += man_check(builddir, diffs)[0]

    n = failed = 0
    out = []
    for l in lines:
        m = re.match(r'(not )?ok - ', l)
        if m:
            n += 1
            l = f'{m.group(1) or ""}ok {n} - ' + l[m.end():]
            if m.group(1) and '# TODO' not in l:
                failed += 1
        out.append(l)
    print(f'1..{n}')
    print('\n'.join(out))
    slow = sorted(((r.secs, c.id) for c, pair in zip(cases, runs) for r in pair), reverse=True)[:3]
    print(f'# {len(cases)} cases: {counts["same"]} identical, {counts["diff"]} intended differences,'
          f' {counts["todo"]} todo, {counts["fail"]} failed; {2 * len(cases)} processes in'
          f' {elapsed:.1f}s ({jobs} at once); slowest: '
          + ', '.join(f'{s:.1f}s {tap_desc(i)}' for s, i in slow))
    if todo_report:
        for e in todos:
            print(f'{e.command or "-"}\t{len(e.cases)}\t{e.cause}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
