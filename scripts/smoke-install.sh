#!/usr/bin/env bash
# Installs the packed package as a user would — into an empty folder, without dev
# dependencies — and runs it on each supported Node.js major. The runtimes come from the npm
# registry (node-<platform>-<arch> packages hold the official binaries), so nothing but the
# registry is needed. Usage: scripts/smoke-install.sh [node-version ...]
# (default: 20.19.6, the floor of "engines", and the newest 22 and 24).
set -euo pipefail
cd "$(dirname "$0")/.."
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(20.19.6 22 24)

work=$(mktemp -d "${TMPDIR:-/tmp}/iam-wizard-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
export AWS_EC2_METADATA_DISABLED=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

echo "== npm pack"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -n 1)"
size=$(du -k "$tarball" | cut -f1)
files=$(tar -tzf "$tarball" | wc -l)
echo "packed $(basename "$tarball"): ${size} KiB, ${files} files"
if tar -tzf "$tarball" | grep -E '^package/(source|test|bench|scripts)/|\.map$' >/dev/null; then
	echo "FAIL: the package holds sources, tests or source maps:"; tar -tzf "$tarball" | grep -E '^package/(source|test|bench|scripts)/|\.map$' | head; exit 1
fi

platform=$(node -p 'process.platform + "-" + process.arch')
for version in "${versions[@]}"; do
	echo "== Node $version"
	runtime="$work/runtime-$version"
	npm install --silent --no-save --prefix "$runtime" "node-$platform@$version" >/dev/null
	bin="$runtime/node_modules/node-$platform/bin"
	[ -x "$bin/node" ] || { echo "FAIL: no Node $version runtime in node-$platform"; exit 1; }
	app="$work/app-$version"
	home="$work/home-$version"
	mkdir -p "$app" "$home"
	(
		cd "$app"
		export PATH="$bin:$PATH" HOME="$home" XDG_CONFIG_HOME="$home/config" XDG_DATA_HOME="$home/data" XDG_STATE_HOME="$home/state" XDG_CACHE_HOME="$home/cache"
		echo "node $(node --version), npm $(npm --version)"
		npm init -y >/dev/null
		npm install --silent --omit=dev "$tarball"
		out=$(npx --no-install iam-wizard --version)
		echo "--version: $out"
		npx --no-install iam-wizard scan --demo --format json --output scan.json
		node -e 'const r=JSON.parse(require("fs").readFileSync("scan.json","utf8")); if(!r.findings||r.findings.length===0) {console.error("FAIL: scan found nothing"); process.exit(1)} console.log(`scan --demo: ${r.findings.length} findings`)'
		npx --no-install iam-wizard plan --demo --steps 1,2,4 --out plan.json >/dev/null
		echo "plan --demo: $(node -p 'JSON.parse(require("fs").readFileSync("plan.json","utf8")).actions.length') actions"
		npx --no-install iam-wizard apply --plan plan.json --yes --confirm-account 123456789012 --reason smoke-test | tail -n 3
		npx --no-install iam-wizard audit verify "$home/state/iam-wizard/logs"
		err=$(npx --no-install iam-wizard scan --demo --format json 2>&1 >/dev/null)
		[ -z "$err" ] || { echo "FAIL: a successful scan wrote to stderr: $err"; exit 1; }
	)
	echo "Node $version: ok"
done
echo "smoke-install: ${#versions[@]} Node versions passed"
