# Sourced by run-peers.sh and run-java-peers.sh (needs REPO, the repository root).
#
# The default DIR: the newest of the user's own runs under results/runs/ (the one the suite just
# wrote). Committed runs (un-ignored in .gitignore) are changed only through an explicit --out.
latest_own_run() {
    local d
    for d in $(ls -1d "$REPO"/results/runs/[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9][0-9][0-9]*/ 2>/dev/null | sort -r); do
        d="${d%/}"
        if ! git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1 || git -C "$REPO" check-ignore -q "${d#"$REPO"/}/peers.csv"; then
            echo "$d"
            return 0
        fi
    done
    return 1
}
