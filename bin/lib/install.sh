# Sourced by bin/aispine for 'bin/aispine install': links the launcher into ~/.local/bin (or
# $XDG_BIN_HOME) as 'aispine' and writes its bash completion where bash-completion loads it from.
# Running it again changes nothing but the completion, refreshed for the current commands.

aispine_install() { # $1: the launcher's real path, $2: the distribution directory
  local launcher=$1 dist=$2
  local bin_dir=${XDG_BIN_HOME:-$HOME/.local/bin}
  local completion_dir=${XDG_DATA_HOME:-$HOME/.local/share}/bash-completion/completions
  local link=$bin_dir/aispine

  mkdir -p "$bin_dir" "$completion_dir"
  if [ -L "$link" ] && [ "$(readlink -f "$link")" = "$launcher" ]; then
    echo "$link already links to $launcher"
  elif [ -L "$link" ]; then
    local before
    before=$(readlink "$link")
    ln -sfn "$launcher" "$link"
    echo "$link now links to $launcher (it linked to $before)"
  elif [ -e "$link" ]; then
    echo "aispine: $link exists and is not a link; move it away, then run 'bin/aispine install' again" >&2
    return 1
  else
    ln -s "$launcher" "$link"
    echo "Linked $link -> $launcher"
  fi

  local completion=$completion_dir/aispine
  if ! "$JAVA_HOME/bin/java" -cp "$dist/lib/*" io.aispine.cli.Main generate-completion \
      >"$completion.tmp"; then
    rm -f "$completion.tmp"
    echo "aispine: could not write the completion script" >&2
    return 1
  fi
  mv "$completion.tmp" "$completion"
  echo "Wrote bash completion to $completion (bash-completion loads it in new shells;"
  echo "  zsh: add 'autoload -U bashcompinit && bashcompinit && source $completion' to ~/.zshrc)"

  case ":$PATH:" in
    *":$bin_dir:"*) echo "Done: 'aispine' works from any directory." ;;
    *)
      echo "$bin_dir is not on your PATH; add it, e.g.:"
      echo "  echo 'export PATH=\"$bin_dir:\$PATH\"' >> ~/.bashrc && . ~/.bashrc"
      ;;
  esac
}
