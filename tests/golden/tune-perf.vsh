# modes: text json
# perf: every event; enable and disable some (shows those); as a word.
perf web1
perf web1 --enable cmt,mbmt
perf web1 --disable cmt
perf build cpu_cycles
perf web1 --enable bogus
