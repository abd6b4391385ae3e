# SPDX-License-Identifier: GPL-2.0
# plan: 14
# Kits written by 'struct_ops new' from tests/new/real/*.h, headers modeled
# on the kernel's struct_ops types and on proposals (issue 22), built by
# make test-fixtures into build/new/KIT/ with their description in
# build/new/KIT.json. For each: the module registers its type, the
# generated implementation attaches, and every operator answers what the
# description's default_returns says ("NAME void" for a void operator), or
# "skipped" where the description says the test file cannot call it (a
# kernel object it cannot make); then it detaches and the module unloads.
# One test per header below (keep the list in step with tests/new/real/),
# and one that no other real kit was built.

# (hidbpf.h and drmsched.h are refused by new: tests/host/new.sh)
REAL_KITS="blkiosched bpfoom bpfqdisc cacheext memcgbpf mptcpsched
netdevx scxlite smchs tcpcc tcpulp vdpax vfsfile"

# The kits whose description names a header under tests/new/real/.
real_kits_built() {
	local j
	for j in build/new/*.json; do
		[ -f "$j" ] || continue
		case "$(json_get "$j" .header)" in
		tests/new/real/*) basename "$j" .json ;;
		esac
	done
}

# Check $OUT (the test file after "all") against KIT.json: every operator,
# every data member. Skipped operators are listed, not failed.
real_check_all() {	# KIT JSON
	local kit=$1 json=$2 n i op want m missing bad skipped
	n=$("$JSONGET" -n .operators < "$json")
	i=0
	bad=
	skipped=
	while [ "$i" -lt "$n" ]; do
		op=$(json_get "$json" ".operators[$i].name")
		if want=$(json_get "$json" ".operators[$i].default_returns"); then
			want="$op $want"
		else
			want="$op void"
		fi
		# the description says which operators the test file cannot call
		if [ "$(json_get "$json" ".operators[$i].test_calls")" = false ]; then
			if grep -q "^$op skipped: " $OUT; then
				skipped="$skipped $op"
			else
				bad="$bad [$op skipped: $(grep "^$op " $OUT | head -n 1)]"
			fi
		elif ! grep -qxF -- "$want" $OUT; then
			bad="$bad [$want: $(grep "^$op " $OUT | head -n 1)]"
		fi
		i=$((i + 1))
	done
	[ -z "$bad" ] || t_fail "$kit: operators answering wrong or not at all:$bad"
	[ -z "$skipped" ] || echo "# $kit: the test file skipped:$skipped"
	missing=
	n=$("$JSONGET" -n .data_members < "$json" 2>/dev/null) || n=0
	i=0
	while [ "$i" -lt "$n" ]; do
		m=$(json_get "$json" ".data_members[$i].name")
		grep -q "^$m " $OUT || missing="$missing $m"
		i=$((i + 1))
	done
	[ -z "$missing" ] || t_fail "$kit: the test file does not show the data members:$missing"
}

for kit in $REAL_KITS; do
	t_begin "new real $kit: loads, registers its type, the default implementation answers every operator, unloads"
	json=build/new/$kit.json
	case "$(json_get "$json" .header 2>/dev/null)" in
	tests/new/real/$kit.h) ;;
	*)
		t_fail "no kit built from tests/new/real/$kit.h ($json: $(head -c 200 "$json" 2>/dev/null || echo missing))"
		t_end
		continue
		;;
	esac
	st=$(json_get "$json" .struct)
	nops=$("$JSONGET" -n .operators < "$json")
	kit_load "$kit"
	expect_dmesg "$kit: struct_ops type $st registered ($nops operators)"
	kit_call "$kit" all
	expect_in $OUT "registered no"
	if kit_attach "$kit" "$(kit_obj "$kit")"; then
		expect_dmesg "$kit: implementation registered by struct_ops["
		kit_call "$kit" all
		expect_in $OUT "registered yes"
		real_check_all "$kit" "$json"
		stop_bg INT
		expect_eq "$BG_RC" 0 "$kit: struct_ops run's exit status after SIGINT"
		expect_dmesg "$kit: implementation unregistered"
		kit_call "$kit" all
		expect_in $OUT "registered no"
	fi
	kit_unload "$kit"
	[ ! -e "$(kit_test "$kit")" ] || t_fail "$(kit_test "$kit") is still there after rmmod"
	t_end
done

t_begin "new real: every kit built from tests/new/real/ is one this file tests"
extra=
for kit in $(real_kits_built); do
	case " $(echo $REAL_KITS) " in
	*" $kit "*) ;;
	*) extra="$extra $kit" ;;
	esac
done
[ -z "$extra" ] || t_fail "kits from tests/new/real/ missing from REAL_KITS in tests/guest/88-new-real.sh:$extra"
grep -qE "^($(echo $REAL_KITS | tr ' ' '|')) " /proc/modules && t_fail "a real kit's module is still loaded"
t_end
