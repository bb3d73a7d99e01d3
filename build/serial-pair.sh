# shellcheck shell=bash
# Sourced by build/test.sh under Wine: a null-modem pair of serial ports for
# the tests of ClearCommError's success path (kernel32/comms_test.go).
#
# A Windows program cannot make a serial port, and under Wine a COM port is a
# link in $WINEPREFIX/dosdevices to a Unix tty. So the host makes two
# pseudo-terminals relayed into each other (build/nullmodem.py), links them
# as COM8 and COM9, and tells the tests through WINCGO_TEST_SERIAL_PAIR.
# wincgo_serial_down removes the links and stops the relay.

wincgo_serial_pid=""
wincgo_serial_links=()

wincgo_serial_up() {
	if ! command -v python3 >/dev/null 2>&1; then
		echo "serial-pair: python3 not found; the serial port tests will be skipped" >&2
		return 0
	fi
	local fifo
	fifo="$(mktemp -u "${TMPDIR:-/tmp}/wincgo-serial.XXXXXX")"
	mkfifo "$fifo"
	python3 "$WINCGO_ROOT/build/nullmodem.py" >"$fifo" </dev/null &
	wincgo_serial_pid=$!
	local a b
	if ! read -r -t 10 a b <"$fifo"; then
		echo "serial-pair: the relay did not start; the serial port tests will be skipped" >&2
		rm -f "$fifo"
		wincgo_serial_down
		return 0
	fi
	rm -f "$fifo"
	ln -sfn "$a" "$WINEPREFIX/dosdevices/com8"
	ln -sfn "$b" "$WINEPREFIX/dosdevices/com9"
	wincgo_serial_links=("$WINEPREFIX/dosdevices/com8" "$WINEPREFIX/dosdevices/com9")
	export WINCGO_TEST_SERIAL_PAIR=COM8,COM9
}

wincgo_serial_down() {
	if [[ -n "$wincgo_serial_pid" ]]; then
		kill "$wincgo_serial_pid" 2>/dev/null || true
		wait "$wincgo_serial_pid" 2>/dev/null || true
		wincgo_serial_pid=""
	fi
	if ((${#wincgo_serial_links[@]})); then
		rm -f "${wincgo_serial_links[@]}"
		wincgo_serial_links=()
	fi
	unset WINCGO_TEST_SERIAL_PAIR
}
