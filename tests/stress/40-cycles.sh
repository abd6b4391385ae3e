# SPDX-License-Identifier: GPL-2.0
# plan: 2
# Module life: STRESS_CYCLES (default 100) cycles of insmod, attach,
# trigger, detach, rmmod, in link mode; and STRESS_LEGACY_CYCLES (default
# 20: each waits for the kernel's deferred map free) in legacy mode, where
# the loader is killed and 'struct_ops repair' removes what it left.

N=${STRESS_CYCLES:-100}
NL=${STRESS_LEGACY_CYCLES:-20}

t_begin "$N cycles of insmod, attach, trigger, detach, rmmod (link)"
i=0
while [ $i -lt "$N" ]; do
	insmod $KO || { t_fail "cycle $i: insmod failed"; break; }
	struct_ops -q -c 1 > $OUT 2>&1 || t_fail "cycle $i: $(tr '\n' '|' < $OUT)"
	unload_module || break
	i=$((i + 1))
done
echo "# cycles: $i link cycles"
t_end

t_begin "$NL cycles in legacy mode: attach, kill -9, repair, rmmod"
i=0
while [ $i -lt "$NL" ]; do
	insmod $KO || { t_fail "cycle $i: insmod failed"; break; }
	start_bg $OUT -L -q -i 3600 || break
	kill -9 $BG_PID; wait $BG_PID 2>/dev/null
	grep -q '^registered: yes' /proc/bpf_testmod_status || t_fail "cycle $i: the legacy registration did not linger"
	struct_ops repair > $OUT 2>&1 || { t_fail "cycle $i: repair: $(tr '\n' '|' < $OUT)"; break; }
	unload_module || break
	i=$((i + 1))
done
echo "# cycles: $i legacy cycles with repair"
t_end
