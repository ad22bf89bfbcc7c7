# modes: text json
# env: EDITOR=@DATA@/editor-sed.sh EDIT_SED=s|virbr9|virbr8|g TMPDIR=@TMP@
# net-edit: the editor renames lab's bridge (lab is stopped first: the test
# driver shows only the live XML); editing it again changes nothing.
net-destroy lab
net-edit lab
net-info lab
net-edit lab
net-edit nosuch
