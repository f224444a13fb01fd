#!/usr/bin/env bash
# The GitHub CLI as far as the example workflows use it, over a repository kept as JSON files in @STATE@:
#   gh api [-X METHOD] PATH [-f K=V] [-F K=V|K=@FILE] [--jq FILTER] [--paginate] [--silent]
#     issues and pull requests (one numbering, as on GitHub), their comments and events (@STATE@/events/N.json),
#     a pull request's reviews and files (@STATE@/reviews/N.json, @STATE@/files/N.json), how a commit compares
#     with another (@STATE@/main.txt: main's commits, oldest first; any other commit has diverged),
#     the pull requests of a commit, a workflow's runs and one run (@STATE@/runs.json: id, workflow, event,
#     head_branch, head_sha, conclusion, and path when it is not .github/workflows/WORKFLOW), the repository's and a run's artifacts (those the runner uploaded to
#     @ARTIFACTS@/RUN/NAME);
#   gh run download RUN --name NAME --dir DIR
# Lists are paged (per_page, 30 by default): without --paginate only the first page comes back.
# GH_TOKEN is what the runner made of the job's permissions (ghs_test_token;scope=level;...): a call the job's
# token may not make fails with 403, as on GitHub. Bodies over 65,536 characters are refused (422). While
# @STATE@/fail-next holds a number above 0, that many calls fail with a 502 first: a transient error; and the
# first call matching the regex in @STATE@/fail-once fails so.
set -euo pipefail
state='@STATE@'
artifacts='@ARTIFACTS@'
printf '%s\n' "$*" >> "$state/calls.log"

if [ -z "${GH_TOKEN:-}" ]; then
  echo "gh: To use GitHub CLI in a GitHub Actions workflow, set the GH_TOKEN environment variable." >&2
  exit 4
fi

# may SCOPE LEVEL: whether the token grants LEVEL (read or write) on SCOPE; write implies read
may() {
  case ";$GH_TOKEN;" in
    *";$1=write;"*) return 0 ;;
    *";$1=read;"*) [ "$2" = read ] ;;
    *) return 1 ;;
  esac
}
need() {
  if ! may "$1" "$2"; then
    echo "gh: Resource not accessible by integration (HTTP 403): needs $1: $2" >&2
    exit 1
  fi
}

if [ -f "$state/fail-next" ] && [ "$(cat "$state/fail-next")" -gt 0 ]; then
  echo $(( $(cat "$state/fail-next") - 1 )) > "$state/fail-next"
  echo "gh: HTTP 502: Bad Gateway (https://api.github.com/)" >&2
  exit 1
fi

# @STATE@/fail-once holds an extended regex: the first call whose arguments match it fails with a 502
if [ -f "$state/fail-once" ] && grep -qE -- "$(cat "$state/fail-once")" <<< "$*"; then
  rm -f "$state/fail-once"
  echo "gh: HTTP 502: Bad Gateway (https://api.github.com/)" >&2
  exit 1
fi

issues="$state/issues.json"

# need_on NUMBER LEVEL: comments on a pull request take pull-requests (or issues), on an issue issues
need_on() {
  if jq -e --argjson n "$1" 'any(.[]; .number == $n and .pull_request != null)' < <(json "$issues") > /dev/null; then
    may pull-requests "$2" || need issues "$2"
  else
    need issues "$2"
  fi
}

# json FILE: the file's JSON, or an empty array
json() { if [ -f "$1" ]; then cat "$1"; else echo '[]'; fi; }
next_id() { local n; n=$(( $(cat "$state/next-id" 2>/dev/null || echo 100) + 1 )); echo "$n" > "$state/next-id"; echo "$n"; }

if [ "$1 $2" = "run download" ]; then
  need actions read
  run=$3; shift 3; name=; dir=.
  while [ $# -gt 0 ]; do
    case "$1" in --name|-n) name=$2; shift ;; --dir|-D) dir=$2; shift ;; *) echo "gh stub: $1 not modelled" >&2; exit 1 ;; esac
    shift
  done
  if [ ! -d "$artifacts/$run/$name" ]; then echo "no artifact matches $name" >&2; exit 1; fi
  mkdir -p "$dir"
  cp -R "$artifacts/$run/$name/." "$dir/"
  exit 0
fi
[ "$1" = api ] || { echo "gh stub: not modelled: $*" >&2; exit 1; }
shift

method=; path=; filter=; silent=no; paginate=no; body='{}'
while [ $# -gt 0 ]; do
  case "$1" in
    -X|--method) method=$2; shift ;;
    --jq|-q) filter=$2; shift ;;
    --paginate) paginate=yes ;;
    --silent) silent=yes ;;
    -f|--raw-field|-F|--field)
      key=${2%%=*}; value=${2#*=}
      if { [ "$1" = -F ] || [ "$1" = --field ]; } && [ "${value#@}" != "$value" ]; then
        body=$(jq --arg k "$key" --rawfile v "${value#@}" '. + {($k): $v}' <<< "$body")   # the file as it is
      else
        body=$(jq --arg k "$key" --arg v "$value" '. + {($k): $v}' <<< "$body")
      fi
      [ -n "$method" ] || method=POST
      shift ;;
    -*) echo "gh stub: option $1 not modelled" >&2; exit 1 ;;
    *) path=${1#/} ;;
  esac
  shift
done
method=${method:-GET}
query=
case "$path" in *\?*) query=${path#*\?}; path=${path%%\?*} ;; esac
param() { tr '&' '\n' <<< "$query" | sed -n "s/^$1=//p" | head -n 1; }

if [ "$(jq -r '(.body // "") | length' <<< "$body")" -gt 65536 ]; then
  echo "gh: Validation Failed (HTTP 422): body is too long (maximum is 65536 characters)" >&2
  exit 1
fi

result=
case "$method $path" in
  "GET repos/"*/commits/*/pulls)
    need pull-requests read
    sha=${path#*/commits/}; sha=${sha%/pulls}
    result=$(jq --arg sha "$sha" '[.[] | select(.pull_request and .merge_commit_sha == $sha)]' < <(json "$issues")) ;;
  "GET repos/"*/issues/*/labels)
    number=${path#*/issues/}; number=${number%/labels}
    need pull-requests read
    result=$(jq --argjson n "$number" '[.[] | select(.number == $n) | .labels // [] | .[]]' < <(json "$issues")) ;;
  "GET repos/"*/pulls/*/reviews)
    number=${path#*/pulls/}; number=${number%/reviews}
    need pull-requests read
    result=$(json "$state/reviews/$number.json") ;;
  "GET repos/"*/pulls/*/files)
    number=${path#*/pulls/}; number=${number%/files}
    need pull-requests read
    result=$(json "$state/files/$number.json") ;;
  "GET repos/"*/git/ref/heads/main)
    need contents read
    result=$(jq -n --arg sha "$(tail -n 1 "$state/main.txt" 2> /dev/null)" '{ref: "refs/heads/main", object: {sha: $sha}}') ;;
  "GET repos/"*/compare/*)
    need contents read
    range=${path##*/compare/}; base=${range%%...*}; head=${range#*...}
    # main's commits, oldest first, one a line: a commit behind another on it is its ancestor
    at() { grep -nxF -- "$1" "$state/main.txt" 2> /dev/null | cut -d: -f1; }
    if [ -z "$(at "$base")" ]; then echo "gh: Not Found (HTTP 404)" >&2; exit 1; fi
    if [ "$base" = "$head" ]; then status=identical
    elif [ -n "$(at "$head")" ] && [ "$(at "$head")" -lt "$(at "$base")" ]; then status=behind
    else status=diverged; fi
    result=$(jq -n --arg s "$status" '{status: $s}') ;;
  "GET repos/"*/issues/*/events)
    number=${path#*/issues/}; number=${number%/events}
    need issues read   # issue events take the issues permission, a pull request's too
    result=$(json "$state/events/$number.json") ;;
  "GET repos/"*/issues/*/comments)
    number=${path#*/issues/}; number=${number%/comments}
    need_on "$number" read
    result=$(json "$state/comments/$number.json") ;;
  "POST repos/"*/issues/*/comments)
    number=${path#*/issues/}; number=${number%/comments}
    need_on "$number" write
    mkdir -p "$state/comments"
    result=$(jq --argjson id "$(next_id)" '. + {id: $id, user: {login: "github-actions[bot]"}}' <<< "$body")
    jq --argjson c "$result" '. + [$c]' < <(json "$state/comments/$number.json") > "$state/comments/$number.json.new"
    mv "$state/comments/$number.json.new" "$state/comments/$number.json" ;;
  "PATCH repos/"*/issues/comments/*)
    id=${path##*/}
    file=
    for f in "$state"/comments/*.json; do
      if [ -f "$f" ] && jq -e --argjson id "$id" 'any(.[]; .id == $id)' "$f" > /dev/null; then file=$f; fi
    done
    if [ -z "$file" ]; then echo "gh: Not Found (HTTP 404)" >&2; exit 1; fi
    need_on "$(basename "$file" .json)" write
    jq --argjson id "$id" --argjson b "$body" 'map(if .id == $id then . + $b else . end)' "$file" > "$file.new"
    mv "$file.new" "$file"
    result=$(jq --argjson id "$id" '.[] | select(.id == $id)' "$file") ;;
  "GET repos/"*/issues/[0-9]*)
    number=${path##*/}
    need_on "$number" read
    result=$(jq --argjson n "$number" '.[] | select(.number == $n)' < <(json "$issues"))
    if [ -z "$result" ]; then echo "gh: Not Found (HTTP 404)" >&2; exit 1; fi ;;
  "GET repos/"*/issues)
    need issues read
    wanted=$(param state); wanted=${wanted:-open}
    result=$(jq --arg s "$wanted" '[.[] | select($s == "all" or .state == $s)]' < <(json "$issues")) ;;
  "POST repos/"*/issues)
    need issues write
    number=$(( $(jq 'map(.number) | max // 0' < <(json "$issues")) + 1 ))
    result=$(jq --argjson n "$number" '. + {number: $n, state: "open", user: {login: "github-actions[bot]"}}' <<< "$body")
    jq --argjson i "$result" '. + [$i]' < <(json "$issues") > "$issues.new" && mv "$issues.new" "$issues" ;;
  "PATCH repos/"*/issues/*)
    need issues write
    number=${path##*/}
    jq --argjson n "$number" --argjson b "$body" 'map(if .number == $n then . + $b else . end)' < <(json "$issues") \
      > "$issues.new" && mv "$issues.new" "$issues"
    result=$(jq --argjson n "$number" '.[] | select(.number == $n)' "$issues") ;;
  "GET repos/"*/actions/workflows/*/runs)
    need actions read
    workflow=${path#*/workflows/}; workflow=${workflow%/runs}
    result=$(jq --arg w "$workflow" --arg sha "$(param head_sha)" --arg status "$(param status)" \
      --arg event "$(param event)" \
      '{workflow_runs: [.[] | select(.workflow == $w and ($sha == "" or .head_sha == $sha)
        and ($status == "" or .conclusion == $status) and ($event == "" or .event == $event))] | sort_by(-.id)}' \
      < <(json "$state/runs.json")) ;;
  "GET repos/"*/actions/runs/*/artifacts)
    need actions read
    run=${path#*/actions/runs/}; run=${run%/artifacts}
    name=$(param name)
    list='[]'
    for dir in "$artifacts/$run"/*; do
      [ -d "$dir" ] && { [ -z "$name" ] || [ "$(basename "$dir")" = "$name" ]; } || continue
      list=$(jq --arg name "$(basename "$dir")" --argjson run "$run" \
        '. + [{name: $name, expired: false, workflow_run: {id: $run}}]' <<< "$list")
    done
    result=$(jq '{artifacts: .}' <<< "$list") ;;
  "GET repos/"*/actions/runs/*)
    need actions read
    run=${path##*/}
    result=$(jq --argjson id "$run" --arg repo "${path#repos/}" '.[] | select(.id == $id)
      | {path: (".github/workflows/" + .workflow)} + . + {repository: {full_name: ($repo | sub("/actions/.*"; ""))}}' \
      < <(json "$state/runs.json"))
    if [ -z "$result" ]; then echo "gh: Not Found (HTTP 404)" >&2; exit 1; fi ;;
  "GET repos/"*/actions/artifacts)
    need actions read
    name=$(param name)
    list='[]'
    for dir in "$artifacts"/*/"$name"; do
      [ -d "$dir" ] || continue
      run=$(basename "$(dirname "$dir")")
      id=$(awk -v r="$run" -v n="$name" '$2 == r && $3 == n { print $1 }' "$state/artifact-ids" 2>/dev/null || true)
      if [ -z "$id" ]; then id=$(next_id); echo "$id $run $name" >> "$state/artifact-ids"; fi
      list=$(jq --argjson id "$id" --argjson run "$run" --arg name "$name" \
        '. + [{id: $id, name: $name, expired: false, workflow_run: {id: $run}}]' <<< "$list")
    done
    result=$(jq '{artifacts: sort_by(-.workflow_run.id)}' <<< "$list") ;;
  "GET repos/"*/git/matching-refs/tags/*)
    prefix="refs/tags/${path##*/matching-refs/tags/}"
    result=$(jq --arg p "$prefix" '[.[] | select(.ref | startswith($p))]' < <(json "$state/tags.json")) ;;
  "DELETE repos/"*/actions/artifacts/*)
    need actions write
    read -r _ run name < <(awk -v i="${path##*/}" '$1 == i' "$state/artifact-ids" 2>/dev/null || true)
    if [ -z "${run:-}" ] || [ ! -d "$artifacts/$run/$name" ]; then echo "gh: Not Found (HTTP 404)" >&2; exit 1; fi
    rm -rf "${artifacts:?}/$run/$name" ;;
  *)
    echo "gh stub: not modelled: $method $path" >&2
    exit 1 ;;
esac

if [ "$silent" = yes ] || [ -z "$result" ]; then
  exit 0
fi
# A list comes in pages of per_page (GitHub's default 30): without --paginate only the first; with it, each page in
# turn, the --jq filter applied to each page on its own, as gh does.
pages=$(jq -c --argjson n "$(param per_page | grep -E '^[0-9]+$' || echo 30)" '
  def pages(a): [range(0; a | length; $n) as $i | a[$i:$i + $n]];
  (if type == "array" then pages(.)
   elif type == "object" and (.workflow_runs | type) == "array" then [pages(.workflow_runs)[] as $p | .workflow_runs = $p]
   elif type == "object" and (.artifacts | type) == "array" then [pages(.artifacts)[] as $p | .artifacts = $p]
   else [.] end) as $pages
  | if $pages == [] then [.] else $pages end | .[]' <<< "$result")
if [ "$paginate" = no ]; then
  pages=${pages%%$'\n'*}
fi
while IFS= read -r page; do
  if [ -n "$filter" ]; then
    jq -r "$filter" <<< "$page"
  else
    printf '%s\n' "$page"
  fi
done <<< "$pages"
