# SPDX-License-Identifier: GPL-2.0
# bench/report's plot: gnuplot -e "dir='build/bench'" bench/ratios.gp
set terminal svg size 1200,400 dynamic font "sans,11"
set output dir."/ratios.svg"
set termoption noenhanced	# underscores are underscores
set multiplot layout 1,3 title "struct_ops benchmarks (one make bench run; ratios of side-by-side figures)"
set style fill solid 0.6 border -1
set boxwidth 0.6
set grid ytics
set yrange [0:*]

set title "Dispatch: BPF through struct_ops / native table"
set ylabel "ratio"
plot dir."/dispatch.dat" using 0:2:xtic(1) with boxes notitle lc rgb "#4472c4"

set title "Trigger write / /dev/null write"
set xlabel "bytes written"
plot dir."/trigger.dat" using 0:2:xtic(1) with boxes notitle lc rgb "#ed7d31"

set title "Load (verification) by operators"
set xlabel "operators"
set ylabel "ms"
plot dir."/load.dat" using 1:2 notitle with linespoints linecolor rgb "#70ad47" pointtype 7
unset multiplot
