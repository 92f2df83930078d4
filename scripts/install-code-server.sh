#!/usr/bin/env bash
# Installs code-server (the real VS Code workbench and extension host, served to a browser)
# from the npm registry into .cache/code-server/, for the end-to-end tests (test/e2e).
#
# Why a recipe and not `npm install code-server`: on this kind of machine (Debian, Node 20,
# root, no network except the npm registry and apt) the plain install fails three ways —
# its postinstall wants npm_config_unsafe_perm as root, kerberos needs libkrb5-dev, and the
# pinned @vscode/ripgrep postinstall downloads rg from GitHub. So we install with
# --ignore-scripts, take rg from npm's @vscode/ripgrep-linux-x64, and run the native
# builds ourselves. 4.100.3 is the newest code-server that runs on Node 20.
#
# Idempotent: a complete install leaves a marker file; with the marker present (and the same
# version in it) the script does nothing. The install happens in a staging folder that is
# renamed into place only when every step succeeded, so an interrupted run never looks
# complete. Usage: scripts/install-code-server.sh [--force]
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
RIPGREP_PACKAGE=@vscode/ripgrep-linux-x64@1.18.0

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET="$REPO_ROOT/.cache/code-server"
MARKER="$TARGET/.install-complete"
STAGING="$REPO_ROOT/.cache/code-server.staging"

log() { printf 'install-code-server: %s\n' "$*"; }
fail() { printf 'install-code-server: error: %s\n' "$*" >&2; exit 1; }

if [[ "${1:-}" != "--force" && -f "$MARKER" ]] && grep -qx "code-server@$CODE_SERVER_VERSION" "$MARKER"; then
  log "already installed ($(cat "$MARKER")) in $TARGET"
  exit 0
fi

[[ "$(uname -s)-$(uname -m)" == "Linux-x86_64" ]] || fail "only linux-x64 is supported (rg comes from @vscode/ripgrep-linux-x64)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" == "20" ]] || fail "code-server $CODE_SERVER_VERSION needs Node 20 (found $(node -v))"
# kerberos (a dependency of VS Code's server) compiles against libkrb5's headers.
if ! command -v krb5-config >/dev/null 2>&1; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
    log "libkrb5-dev missing; installing it with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y libkrb5-dev \
      || { apt-get -o DPkg::Lock::Timeout=300 update && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y libkrb5-dev; }
  else
    fail "libkrb5-dev is missing; install it with: sudo apt-get install -y libkrb5-dev"
  fi
fi

started=$SECONDS
rm -rf "$STAGING"
mkdir -p "$STAGING"
cd "$STAGING"
# A private package.json so npm installs here and never walks up into the repository's own.
printf '{ "name": "shapelens-e2e-code-server", "private": true }\n' > package.json

# Postinstall scripts run as root only with unsafe-perm; we run the builds we need by hand,
# but set it anyway so the rebuild steps below may run the packages' scripts.
export npm_config_unsafe_perm=true
export npm_config_audit=false
export npm_config_fund=false
export npm_config_update_notifier=false

log "1/6 npm install code-server@$CODE_SERVER_VERSION $RIPGREP_PACKAGE (--ignore-scripts)"
npm install --no-save --ignore-scripts "code-server@$CODE_SERVER_VERSION" "$RIPGREP_PACKAGE"
log "2/6 npm rebuild argon2 (password hashing; loaded even with --auth none)"
npm rebuild argon2

VSCODE="$STAGING/node_modules/code-server/lib/vscode"
[[ -d "$VSCODE" ]] || fail "unexpected layout: $VSCODE missing"
RG_SOURCE="$STAGING/node_modules/@vscode/ripgrep-linux-x64/bin/rg"
[[ -x "$RG_SOURCE" ]] || fail "unexpected layout: $RG_SOURCE missing"

log "3/6 npm install --omit=dev --ignore-scripts in lib/vscode"
(cd "$VSCODE" && npm install --omit=dev --ignore-scripts)
mkdir -p "$VSCODE/node_modules/@vscode/ripgrep/bin"
cp "$RG_SOURCE" "$VSCODE/node_modules/@vscode/ripgrep/bin/rg"

log "4/6 npm rebuild in lib/vscode (node-pty, kerberos, ...; npx node-gyp without a prompt)"
(cd "$VSCODE" && npm_config_yes=true npm rebuild)

log "5/6 links the packaged VS Code expects"
ln -sfn node_modules "$VSCODE/node_modules.asar"
ln -sfn code-linux.sh "$VSCODE/bin/remote-cli/code-server"
ln -sfn browser-linux.sh "$VSCODE/bin/helpers/browser.sh"

log "6/6 npm install --omit=dev in lib/vscode/extensions (built-in extensions' dependencies)"
(cd "$VSCODE/extensions" && npm install --omit=dev)

# Prove the result runs before calling it complete. XDG dirs point at a throwaway folder:
# code-server otherwise writes a default config.yaml under the home directory.
probe_home="$(mktemp -d)"
version_line="$(XDG_CONFIG_HOME="$probe_home/config" XDG_DATA_HOME="$probe_home/data" \
  node "$STAGING/node_modules/code-server/out/node/entry.js" --version 2>/dev/null | grep -m1 -E '^[0-9]+\.' || true)"
rm -rf "$probe_home"
[[ "$version_line" == "$CODE_SERVER_VERSION"* ]] || fail "code-server --version printed '$version_line'"
"$VSCODE/node_modules/@vscode/ripgrep/bin/rg" --version >/dev/null || fail "rg does not run"

echo "code-server@$CODE_SERVER_VERSION" > "$STAGING/.install-complete"
rm -rf "$TARGET"
mv "$STAGING" "$TARGET"
log "done in $((SECONDS - started)) s: $version_line, $(du -sh "$TARGET" | cut -f1) in $TARGET"
