# Sourced by the bench scripts. keep_summary NAME FILE: FILE's text becomes section NAME of this month's
# bench/results/YYYY-MM.md, the one file per month that git keeps (a run's raw directory is ignored).
keep_summary() {
  local month
  month=bench/results/$(date -u +%Y-%m).md
  [ -f "$month" ] || printf '# Bench results, %s\n\nOne section per run, as its script printed it (oldest first); bench/README.md says what they mean.\n' \
      "$(date -u '+%B %Y')" > "$month"
  { echo; echo "## $1"; echo; sed -E '1{/^# /d}; s/^(#+) /\1## /' "$2" | sed '1{/^$/d}'; } >> "$month"
  echo "summary kept in $month, section $1"
}
