# modes: text json
echo hello world
echo 'single quoted  spaces' "double \"quoted\"" back\ slash
echo --shell a 'b c' "d'e" ''
echo --xml '<a&b>' "it's"
echo -- --not-an-option
echo
echo café テスト
