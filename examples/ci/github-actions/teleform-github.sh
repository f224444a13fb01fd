#!/usr/bin/env bash
# What the Teleform workflows say on GitHub, through its REST API (gh api, with GH_TOKEN):
#
#   teleform-github.sh comment NUMBER MARKER FILE   create, or edit, the comment with MARKER on pull request NUMBER
#   teleform-github.sh issue MARKER TITLE FILE      create, or edit, the open issue with MARKER
#   teleform-github.sh close MARKER FILE            comment FILE on the open issue with MARKER and close it, if any
#   teleform-github.sh allow-destroy NUMBER [HEAD]  succeeds if pull request NUMBER may delete workload clusters:
#                                                   it has the label "teleform: allow destroy", added last by a
#                                                   person other than its author (and, given HEAD, a review by
#                                                   such a person approves commit HEAD); else prints why not
#   teleform-github.sh touches-ci NUMBER [FILE...]  succeeds, naming them, if pull request NUMBER changes the
#                                                   files that plan it (.github/workflows/, this directory, FILEs)
#   teleform-github.sh fence FILE                   a code fence (a run of backticks) longer than any in FILE
#   teleform-github.sh trusted-run RUN              succeeds if run RUN is this repository's teleform apply
#                                                   workflow, run by a push or by hand on a commit of main
#
# Each comment and issue carries a hidden marker on its first line (<!-- teleform:STACK --> for a stack's
# plan, <!-- teleform:STACK WHAT --> for the others) and is found again by it, among those github-actions[bot]
# wrote, whose first line starts with it: never as "the last comment", since GITHUB_TOKEN is one account for
# every workflow and every stack, and a person, or another marker's text, may quote a marker. A lookup that fails is retried, then fails the step: a failed lookup never leads
# to a second comment or issue. FILE is markdown; a body over GitHub's cap (65,536 characters) keeps what
# precedes the plan's table (the summary and any warning), cut between characters and with any code fence it
# leaves open closed, and links the run's summary, which has it whole. Text a pull request controls (errors,
# differences) goes in a fence from `fence`, so that no backticks in it can end the fence early.
set -euo pipefail

bot='github-actions[bot]'
destroy_label='teleform: allow destroy'
cap=65536
api="repos/$GITHUB_REPOSITORY"
run_url="${GITHUB_SERVER_URL:-https://github.com}/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"

# Runs "$@" up to three times, a little apart: GitHub's API has its transient 502s.
retry() {
  local attempt=1
  until "$@"; do
    if [ "$attempt" -ge 3 ]; then
      return 1
    fi
    sleep $((attempt * 2))
    attempt=$((attempt + 1))
  done
}

# body MARKER FILE: the path of the body to send, MARKER first, cut to the cap
body() {
  local out
  out=$(mktemp)
  { printf '%s\n' "$1"; cat "$2"; } > "$out"
  if [ "$(wc -m < "$out")" -gt "$cap" ]; then
    {
      printf '%s\n' "$1"
      # head -c may split a UTF-8 character: sed drops the lead byte and continuation bytes of one split at
      # the end (jq -R is no help: 1.6, on ubuntu-22.04, splits characters at its read buffer's edges). A code
      # fence left open is closed.
      sed -n '/^| | Resource | Action | Fields |$/q;p' "$2" | head -c 20000 \
        | LC_ALL=C sed -E '$ s/([\xC0-\xFF]|[\xE0-\xFF][\x80-\xBF]|[\xF0-\xFF][\x80-\xBF][\x80-\xBF])$//' | awk '
        { print }
        /^```/ { match($0, /^`+/); run = substr($0, 1, RLENGTH)
                 if (open == "") open = run; else if (length(run) >= length(open) && $0 ~ /^`+[ \t]*$/) open = "" }
        END { if (open != "") print open }'
      printf '\n**This is %s characters, more than a comment may hold: the whole text is in the [run summary](%s).**\n' \
        "$(wc -m < "$2" | tr -d ' ')" "$run_url"
    } > "$out"
  fi
  printf '%s' "$out"
}

# The id of the comment with MARKER on NUMBER, or nothing; fails if GitHub cannot be asked.
find_comment() {
  gh api --paginate "$api/issues/$1/comments?per_page=100" \
    --jq ".[] | select(.user.login == \"$bot\" and (.body | split(\"\n\")[0] | startswith(\"$2\"))) | .id"
}

# The number of the open issue with MARKER, or nothing; fails if GitHub cannot be asked.
find_issue() {
  gh api --paginate "$api/issues?state=open&per_page=100" \
    --jq ".[] | select(.pull_request == null and .user.login == \"$bot\"
      and ((.body // \"\") | split(\"\n\")[0] | startswith(\"$1\"))) | .number"
}

# Each upsert looks again before it writes, so that a retried write whose first try did reach GitHub edits
# what that try made instead of making a second one.
upsert_comment() {
  local id
  id=$(find_comment "$1" "$2") || return 1
  id=${id%%$'\n'*}
  if [ -n "$id" ]; then
    gh api -X PATCH "$api/issues/comments/$id" -F "body=@$3" --silent
  else
    gh api -X POST "$api/issues/$1/comments" -F "body=@$3" --silent
  fi
}

upsert_issue() {
  local number
  number=$(find_issue "$1") || return 1
  number=${number%%$'\n'*}
  if [ -n "$number" ]; then
    gh api -X PATCH "$api/issues/$number" -f "title=$2" -F "body=@$3" --silent
  else
    gh api -X POST "$api/issues" -f "title=$2" -F "body=@$3" --silent
  fi
}

# The closing comment carries a marker of its own (MARKER with "closed"), so that a retry after a comment that
# did reach GitHub edits it instead of closing with a second one.
close_issue() {
  local number closed
  number=$(retry find_issue "$1") || return 1
  number=${number%%$'\n'*}
  if [ -n "$number" ]; then
    closed="${1% -->} closed -->"
    retry upsert_comment "$number" "$closed" "$(body "$closed" "$2")" || return 1
    retry gh api -X PATCH "$api/issues/$number" -f state=closed --silent
  fi
}

# A run of backticks longer than the longest in FILE, and at least three: a code fence nothing in FILE closes.
fence() {
  local longest
  longest=$( (grep -o '`\+' "$1" || true) | awk '{ if (length($0) > n) n = length($0) } END { print n + 0 }')
  if [ "$longest" -lt 3 ]; then
    longest=3
  fi
  printf '`%.0s' $(seq 0 "$longest")
  printf '\n'
}

# Whether run $1 is one of this repository's .github/workflows/teleform-apply.yml, started by a push or by hand on a
# commit of main: only such a run's artifacts are state or plans to apply. A pull request's own workflow can upload
# an artifact of any name, and a run id is typed by whoever dispatches. A run's head_branch is only a name, which a
# tag named main shares, and such a tag's commit can hold any workflow file; a commit of main runs main's own
# workflow, whose trigger takes no tag. So the run's commit must be main's head, as GitHub says now, or an ancestor
# of it (not this run's own commit: a re-run of an older apply keeps its GITHUB_SHA, and would take a newer run's
# state for a stranger's). Exit 1: not trusted; exit 2: GitHub could not be asked, which must stop the caller
# rather than read as "no such artifact".
trusted_run() {
  local facts sha status main
  [[ "$1" =~ ^[0-9]+$ ]] || return 1
  # a run's path may name its ref (".github/workflows/x.yml@refs/heads/main"): only main's is taken
  facts=$(retry gh api "$api/actions/runs/$1" \
    --jq '[(.path | sub("@refs/heads/main$"; "")), .event, .head_branch, .repository.full_name, .head_sha] | join(" ")') \
    || return 2
  sha=${facts##* }
  case "${facts% *}" in
    ".github/workflows/teleform-apply.yml push main $GITHUB_REPOSITORY") ;;
    ".github/workflows/teleform-apply.yml workflow_dispatch main $GITHUB_REPOSITORY") ;;
    *) return 1 ;;
  esac
  [[ "$sha" =~ ^[0-9A-Za-z]+$ ]] || return 1
  main=$(retry gh api "$api/git/ref/heads/main" --jq .object.sha) || return 2
  status=$(retry gh api "$api/compare/$main...$sha" --jq .status) || return 2
  case "$status" in
    identical|behind) return 0 ;;
    *) return 1 ;;
  esac
}

# Whether pull request $1 may delete workload clusters: the label is on it, and the last to add it was a person
# (not a bot: a pull request's own workflow may label it with GITHUB_TOKEN) other than its author, so that a
# deletion takes two people. A label stays through later pushes, so at the merge ($2, the merged head) a review
# by a person other than the author, a member or collaborator of the repository, must approve that very commit.
# Exit 1 with the reason on stdout; exit 2: GitHub could not be asked.
allow_destroy() {
  local labels author labeller approvers
  labels=$(retry gh api --paginate "$api/issues/$1/labels?per_page=100" --jq '.[].name') || return 2
  if ! grep -qxF "$destroy_label" <<< "$labels"; then
    echo "this pull request has no label \`$destroy_label\`"
    return 1
  fi
  author=$(retry gh api "$api/issues/$1" --jq '.user.login') || return 2
  # --paginate applies the filter to each page: the last line is the last page's last labelling
  labeller=$(retry gh api --paginate "$api/issues/$1/events?per_page=100" --jq "[.[] | select(.event == \"labeled\"
    and .label.name == \"$destroy_label\")] | last | select(. != null) | \"\(.actor.type) \(.actor.login)\"") || return 2
  labeller=${labeller##*$'\n'}
  case "$labeller" in
    "User $author") echo "the label \`$destroy_label\` was added by the pull request's author, $author: someone else must add it" ;;
    User\ ?*)
      if [ -z "${2:-}" ]; then
        return 0
      fi
      approvers=$(retry gh api --paginate "$api/pulls/$1/reviews?per_page=100" --jq ".[] | select(.state == \"APPROVED\"
        and .commit_id == \"$2\" and .user.login != \"$author\" and .user.type == \"User\"
        and (.author_association | IN(\"OWNER\", \"MEMBER\", \"COLLABORATOR\"))) | .user.login") || return 2
      if [ -n "$approvers" ]; then
        return 0
      fi
      echo "no review by a member other than the author, $author, approves $2, the merged head (the label stays through later pushes)" ;;
    "") echo "GitHub names no one who added the label \`$destroy_label\`: remove it and add it again" ;;
    *) echo "the label \`$destroy_label\` was added by ${labeller#* }, not a person: a person other than the author must add it" ;;
  esac
  return 1
}

# Whether pull request $1 changes the files that make its plan: the workflows, this directory, and the files named
# after it (the stack's kind: stack document, whose provider and bootstrap settings name the programs a plan runs).
# Then the plan its run kept is whatever its own code made. Prints them; exit 1: it changes none; exit 2: GitHub
# could not be asked.
touches_ci() {
  local number=$1 files
  shift
  files=$(retry gh api --paginate "$api/pulls/$number/files?per_page=100" --jq '.[] | .filename, (.previous_filename // empty)') \
    || return 2
  files=$( { grep -E '^(\.github/workflows/|examples/ci/github-actions/)' <<< "$files"; grep -xF -f <(printf '%s\n' "$@") <<< "$files"; } \
    | sort -u) || true
  if [ -z "$files" ]; then
    return 1
  fi
  printf '%s\n' "$files"
}

case "${1:-}" in
  comment) retry upsert_comment "$2" "$3" "$(body "$3" "$4")" ;;
  issue) retry upsert_issue "$2" "$3" "$(body "$2" "$4")" ;;
  close) close_issue "$2" "$3" ;;
  fence) fence "$2" ;;
  allow-destroy) allow_destroy "$2" "${3:-}" ;;
  touches-ci) shift; touches_ci "$@" ;;
  trusted-run) trusted_run "$2" ;;
  *)
    echo "usage: teleform-github.sh comment NUMBER MARKER FILE | issue MARKER TITLE FILE | close MARKER FILE" \
      "| allow-destroy NUMBER [HEAD] | touches-ci NUMBER [FILE...] | fence FILE | trusted-run RUN" >&2
    exit 2 ;;
esac
