# SPDX-License-Identifier: GPL-2.0
# plan: 4
# The seed's failure mode on purpose: a legacy (.struct_ops) loader killed
# with -9 leaves its registration; status names it, repair removes it.

load_module

t_begin "legacy object killed with -9 leaves a registration that status names"
start_bg $OUT -L -i 0.2
legacy_pid=$BG_PID
stop_bg KILL
struct_ops status > $OUT 2>&1
expect_in $OUT "bpf_testmod_ops: registered (type defined by hello)"
expect_in $OUT "legacy (no link), state inuse, registered"
expect_in $OUT "LINGERING: registered, held by no process and no pin; remove it with 'struct_ops repair"
expect_in $OUT "held by: no process"
struct_ops status -j > /tmp/st.json
expect_json /tmp/st.json '.maps[0].lingering' true
expect_json /tmp/st.json '.maps[0].mode' legacy
expect_eq "$("$JSONGET" -n '.maps[0].holders' < /tmp/st.json)" 0 "holders in the JSON status"
rmmod hello 2>/dev/null && t_fail "rmmod succeeded with a lingering registration"
trigger
expect_dmesg "hello: test_1() returned: 42"
t_end

t_begin "a new loader names the lingering registration and the repair"
struct_ops -c 1 > $OUT 2> $ERR
expect_eq "$?" 3 "exit status"
expect_in $ERR "registered without a link and held by no process (left behind by a killed legacy loader); remove it with 'struct_ops repair "
t_end

t_begin "repair removes it; rmmod works"
id=$(json_get /tmp/st.json '.maps[0].id')
[ -n "$id" ] || t_fail "no map id in the JSON status"
struct_ops repair > $OUT 2> $ERR
expect_eq "$?" 0 "exit status"
expect_in $OUT "unregistered map $id"
expect_dmesg "struct_ops implementation unregistered: user detach"
trigger
expect_dmesg "hello: No struct_ops registered"
struct_ops repair > $OUT 2>&1
expect_in $OUT "no lingering bpf_testmod_ops registration: nothing to repair"
unload_module
t_end

load_module

t_begin "repair refuses a link registration and a legacy one with a live holder"
start_bg $OUT -i 0.5
struct_ops status -j > /tmp/st.json
set -- "$(json_get /tmp/st.json '.maps[0].id')" "$(json_get /tmp/st.json '.maps[0].link_id')"
struct_ops repair "$1" > /tmp/r.out 2> $ERR
expect_eq "$?" 1 "exit status for a link registration"
expect_in $ERR "is attached through link $2, not lingering: detach it with 'struct_ops detach link $2'"
stop_bg INT
start_bg $OUT -L -i 0.5
struct_ops status -j > /tmp/st.json
map=$(json_get /tmp/st.json '.maps[0].id')
struct_ops repair "$map" > /tmp/r.out 2> $ERR
expect_eq "$?" 1 "exit status for a held legacy registration"
expect_in $ERR "is held by $BG_PID (struct_ops), not lingering: stop that process, or use -f"
stop_bg INT
expect_eq "$BG_RC" 0 "legacy loader's exit status"
trigger
expect_dmesg "hello: No struct_ops registered"
t_end
