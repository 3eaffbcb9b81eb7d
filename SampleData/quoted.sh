# Shared by the walkthroughs (sourced): `quoted ARG…` prints the arguments as they can be pasted
# back into a shell, each with a space, a quote or another special character single-quoted.
quoted() {
  local out="" arg
  for arg in "$@"; do
    if [[ $arg =~ ^[A-Za-z0-9_./:=@%+,-]+$ ]]; then out+=" $arg"; else out+=" '${arg//\'/\'\\\'\'}'"; fi
  done
  printf '%s' "$out"
}
