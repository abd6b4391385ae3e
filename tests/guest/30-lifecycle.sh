# SPDX-License-Identifier: GPL-2.0
# plan: 2
# What holds the module, and how SIGINT/SIGTERM let it go.

for sig in INT TERM; do
	load_module
	case $sig in INT) name=Interrupt ;; TERM) name=Terminated ;; esac

	t_begin "rmmod fails while attached; SIG$sig detaches, exits 0, frees the module"
	start_bg $OUT -i 0.2
	if rmmod hello 2>/dev/null; then
		t_fail "rmmod hello succeeded while attached"
	fi
	module_loaded || t_fail "module gone while attached"
	stop_bg $sig
	expect_eq "$BG_RC" 0 "exit status after SIG$sig"
	expect_in $OUT "exiting: $name received; detached"
	tail -n 1 $OUT | grep -qF "exiting: $name received; detached" ||
		t_fail "last line is not the exit reason: $(tail -n 1 $OUT)"
	trigger
	expect_dmesg "hello: No struct_ops registered"
	unload_module
	t_end
done
