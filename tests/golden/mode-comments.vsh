# Comments, blank lines, ';' separators and continuation lines.

echo one; echo two   # trailing comment
   # indented comment
echo three \
  continued \
  here
echo "a # not a comment" 'b ; not a separator'
;;;
echo 'multi
line'
