#!/usr/bin/perl
# Times Debian's libsisimai-perl over message files, for `leadfwd bench classify --sisimai`. Measured like our side:
# one process; files read into memory before timing (Sisimai parses them from memory, `Sisimai->make(\$text)`); one
# untimed warm-up pass (Sisimai loads its MTA modules on first use); then timed passes on request, so the caller can
# interleave its own passes with ours and compare rates measured seconds apart on a noisy machine.
#
# Protocol: standard input gives the message paths, one per line, then an empty line. The script answers
# "ready startup=T" (module loading + warm-up, seconds). Each later input line "pass" times ITERATIONS passes over all
# files and answers "files=N seconds=S cpu=C bounces=B". End of input ends the script.
use strict;
use warnings;
use Time::HiRes qw(time);
my $began;
BEGIN { $began = Time::HiRes::time() }
use Sisimai;
$| = 1;

my $iterations = shift @ARGV // 1;
my @files;
while (my $line = <STDIN>) {
    chomp $line;
    last if $line eq '';
    push @files, $line;
}
my @texts;
for my $file (@files) {
    open my $handle, '<:raw', $file or die "cannot read $file: $!\n";
    local $/;
    push @texts, scalar <$handle>;
    close $handle;
}
for my $text (@texts) { Sisimai->make(\$text, 'delivered' => 1) }
printf "ready startup=%.6f\n", time - $began;

while (my $request = <STDIN>) {
    chomp $request;
    next unless $request eq 'pass';
    my $bounces = 0;
    my @cpu0 = times;
    my $started = time;
    for (1 .. $iterations) {
        for my $text (@texts) {
            my $results = Sisimai->make(\$text, 'delivered' => 1) // [];
            $bounces += scalar @$results;
        }
    }
    my $elapsed = time - $started;
    my @cpu1 = times;
    my $cpu = ($cpu1[0] - $cpu0[0]) + ($cpu1[1] - $cpu0[1]);
    printf "files=%d seconds=%.6f cpu=%.6f bounces=%d\n", scalar(@texts) * $iterations, $elapsed, $cpu, $bounces;
}
