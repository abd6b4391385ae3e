# SPDX-License-Identifier: GPL-2.0
# plan: 3
# status names the holder's PID, the link, the programs; JSON agrees.

load_module

t_begin "status while attached: the holder's PID, link, programs; JSON has the same"
start_bg /tmp/bg.out -i 0.5
line=$(grep "attached bpf_testmod_ops implementation" /tmp/bg.out)
map_id=$(echo "$line" | sed -n 's/.*map id \([0-9]*\),.*/\1/p')
link_id=$(echo "$line" | sed -n 's/.*link id \([0-9]*\),.*/\1/p')
struct_ops status > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_in $OUT "bpf_testmod_ops: registered (type defined by hello)"
expect_in $OUT "map $map_id 'testmod_ops': link mode, state ready, registered through link $link_id"
expect_in $OUT "held by: $BG_PID (struct_ops)"
grep -qE "^    test_1 +prog [0-9]+ 'test_1'$" $OUT || t_fail "status lacks test_1's program"
grep -qE "^    test_3 +prog [0-9]+ 'test_3'$" $OUT || t_fail "status lacks test_3's program"
expect_in $OUT "module hello: implementation 'seed' (flags 0) registered by struct_ops[$BG_PID]"
struct_ops status -j > /tmp/st.json
emit_json "status -j while attached" /tmp/st.json
struct_ops status -p > /tmp/st.pretty
emit_json "status -p while attached" /tmp/st.pretty
expect_eq "$(wc -l < /tmp/st.json)" 1 "lines of JSON"
expect_json /tmp/st.json '.maps[0].id' "$map_id"
expect_json /tmp/st.json '.maps[0].link_id' "$link_id"
expect_json /tmp/st.json '.maps[0].registered' true
expect_json /tmp/st.json '.maps[0].mode' link
expect_json /tmp/st.json '.maps[0].btf' hello
expect_json /tmp/st.json '.btf' hello
for want in "\"pid\":$BG_PID," '"comm":"struct_ops"' \
	    '"name":"test_2","kind":"operator","prog_id":' '"loaded":true'; do
	grep -qF "$want" /tmp/st.json || t_fail "JSON status lacks $want"
done
expect_json /tmp/st.pretty '.maps[0].id' "$map_id"
struct_ops status -p | grep -q '^  "maps": \[' || t_fail "pretty JSON is not indented"
stop_bg INT
t_end

t_begin "status after exit: not registered, reason user detach"
struct_ops status > $OUT 2>&1
expect_in $OUT "bpf_testmod_ops: not registered"
expect_in $OUT "module hello: no implementation registered"
expect_in $OUT "user detach (struct_ops[$BG_PID]"
grep -q "reason=\"user detach\" .*owner=\"struct_ops\" pid=$BG_PID " /proc/bpf_testmod_status ||
	t_fail "status file lacks the user detach of $BG_PID"
t_end

t_begin "status without the module"
unload_module
struct_ops status > $OUT 2>&1
expect_eq "$?" 0 "exit status"
expect_in $OUT "bpf_testmod_ops: not registered (type not in the kernel's BTF)"
expect_in $OUT "module hello: not loaded"
struct_ops status -j | grep -q '"loaded":false' || t_fail "JSON lacks \"loaded\":false"
t_end
