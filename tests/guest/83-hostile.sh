# SPDX-License-Identifier: GPL-2.0
# plan: 3
# The program against a hostile user of the same machine: /sys/fs/bpf is
# mode 1777 here, so anyone may race entries under root's scans; process
# and pin names may hold terminal escapes, newlines and bytes that are not
# UTF-8. (tests/host/pins.sh checks deep, long and second-mount pins.)

load_module

t_begin "nobody swapping a directory and a symlink in /sys/fs/bpf fails no run of list or status"
expect_eq "$(stat -c %a /sys/fs/bpf)" 1777 "mode of /sys/fs/bpf"
start_bg $OUT -L -i 1
# as nobody, /sys/fs/bpf/race is a directory one moment and a symlink to
# a file the next (atomic exchanges, as fast as the machine goes)
build/tests/tools/swapdir -u 65534 /sys/fs/bpf race &
racer=$!
sleep 1
kill -0 $racer 2>/dev/null || t_fail "the racing user is not running"
[ "$(stat -c %u /sys/fs/bpf/race)" = 65534 ] || t_fail "the race's entry is not nobody's"
fails=0
i=0
while [ $i -lt 100 ]; do
	struct_ops list > /tmp/race.out 2>&1 || { fails=$((fails + 1)); cp /tmp/race.out /tmp/race.fail; }
	struct_ops status > /tmp/race.out 2>&1 || { fails=$((fails + 1)); cp /tmp/race.out /tmp/race.fail; }
	i=$((i + 1))
done
kill -9 $racer
wait $racer 2>/dev/null
rm -rf /sys/fs/bpf/race /sys/fs/bpf/race_x
expect_eq "$fails" 0 "failed runs out of 200 ($(cat /tmp/race.fail 2>/dev/null | tr '\n' '|'))"
grep -q "held by: $BG_PID (struct_ops)" /tmp/race.out || t_fail "status lost the holder: $(tr '\n' '|' < /tmp/race.out)"
stop_bg INT
t_end

t_begin "a loader named with escapes, a newline and a non-UTF-8 byte: status and list escape it"
evil=/tmp/$(printf 'so\033[2J\n\377')
cp "$(command -v struct_ops)" "$evil"
mark=$(dmesg | wc -l)
"$evil" -i 1 > $OUT 2>&1 &
evil_pid=$!
i=0
until dmesg | tail -n +$((mark + 1)) | grep -q "registered by"; do
	i=$((i + 1))
	[ $i -lt 100 ] || { t_fail "the renamed loader did not attach: $(tr '\n' '|' < $OUT)"; break; }
	sleep 0.1
done
struct_ops status > /tmp/st.out 2>&1
struct_ops list > /tmp/ls.out 2>&1
for f in /tmp/st.out /tmp/ls.out; do
	grep -q "$(printf '\033')" $f && t_fail "$f has a raw escape byte"
	grep -q "$(printf '\377')" $f && t_fail "$f has a byte that is not UTF-8"
	expect_in $f "$evil_pid (so\\x1b[2J\\x0a\\xff)"
done
expect_eq "$(grep -c '^    held by:' /tmp/st.out)" 1 "held by: lines in status"
expect_in /tmp/st.out "module hello: implementation 'seed' (flags 0) registered by so?[2J??"
struct_ops status -j > /tmp/st.json
json_ok /tmp/st.json
expect_json /tmp/st.json '.maps[0].holders[0].pid' "$evil_pid"
struct_ops list -j > /tmp/ls.json
json_ok /tmp/ls.json
kill -INT $evil_pid
wait $evil_pid
expect_eq "$?" 0 "the renamed loader's exit status"
rm -f "$evil"
t_end

t_begin "a pin whose name forges a line is shown escaped"
pin=/sys/fs/bpf/$(printf 'keep\nheld by: 1 (init)\033[31m')
struct_ops -c 1 -P "$pin" > $OUT 2>&1
expect_eq "$?" 0 "exit status of run -P"
struct_ops status > /tmp/st.out 2>&1
expect_eq "$(grep -c '^    held by:' /tmp/st.out)" 1 "held by: lines in status"
expect_in /tmp/st.out 'pinned: /sys/fs/bpf/keep\x0aheld by: 1 (init)\x1b[31m (link)'
struct_ops status -j > /tmp/st.json
json_ok /tmp/st.json
struct_ops detach "$pin" > $OUT 2>&1
expect_eq "$?" 0 "exit status of detach"
[ -e "$pin" ] && t_fail "the pin is still there"
t_end

unload_module
