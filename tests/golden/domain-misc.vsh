# modes: text json
# desc, metadata (the test driver keeps both), set-lifecycle-action,
# dompmsuspend, dompmwakeup.
desc web1
desc web1 --title
desc build
desc build --title
desc web1 new words for the description
desc web1
desc web1 --title --config Front door
desc web1 Back --title
desc web1 --title
desc web1 --title --config
desc web1 ''
desc web1
metadata web1 http://example.org/app --key app --set '<app role="front">1</app>'
metadata web1 http://example.org/app
metadata web1 http://example.org/app --remove
metadata web1 http://example.org/app
metadata web1 http://example.org/app --set '<a/>'
metadata web1 http://example.org/app app 'not xml'
metadata web1 http://example.org/app --remove --set '<a/>'
set-lifecycle-action web1 crash preserve --config
dumpxml web1 --inactive --xpath //on_crash
set-lifecycle-action web1 crash bogus
dompmsuspend web1 mem
dompmsuspend web1 bogus
dompmwakeup web1
