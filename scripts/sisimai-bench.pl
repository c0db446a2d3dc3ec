#!/usr/bin/perl
# Times Debian's libsisimai-perl over the message files named on standard input (one path per line), for
# `leadfwd bench classify --sisimai`. Measured like our side: one process; files read into memory before timing
# (Sisimai parses them from memory, `Sisimai->make(\$text)`); one untimed warm-up pass (Sisimai loads its MTA
# modules on first use); then the timed passes. Start-up (module loading + warm-up) is reported separately.
# Prints one line: "files=N seconds=S cpu=C bounces=B startup=T".
use strict;
use warnings;
use Time::HiRes qw(time);
my $began;
BEGIN { $began = Time::HiRes::time() }
use Sisimai;

my @files = grep { length } map { chomp; $_ } <STDIN>;
my $rounds = shift @ARGV // 1;
my @texts;
for my $file (@files) {
    open my $handle, '<:raw', $file or die "cannot read $file: $!\n";
    local $/;
    push @texts, scalar <$handle>;
    close $handle;
}
for my $text (@texts) { Sisimai->make(\$text, 'delivered' => 1) }
my $startup = time - $began;

my $bounces = 0;
my @cpu0 = times;
my $started = time;
for (1 .. $rounds) {
    for my $text (@texts) {
        my $results = Sisimai->make(\$text, 'delivered' => 1) // [];
        $bounces += scalar @$results;
    }
}
my $elapsed = time - $started;
my @cpu1 = times;
my $cpu = ($cpu1[0] - $cpu0[0]) + ($cpu1[1] - $cpu0[1]);
printf "files=%d seconds=%.6f cpu=%.6f bounces=%d startup=%.6f\n", scalar(@texts) * $rounds, $elapsed, $cpu,
    $bounces, $startup;
