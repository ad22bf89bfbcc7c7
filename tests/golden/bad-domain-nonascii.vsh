# modes: text json
# Names differing by accents, case or width are other names.
domstate café-ü
domstate cafe-u
domstate CAFÉ-Ü
domstate 'café-ü '
domstate テスト
domstate ﾃｽﾄ
start cafe-u
list --all
