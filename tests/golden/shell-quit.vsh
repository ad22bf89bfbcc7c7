# Nothing after quit runs.
echo before
quit
echo after
