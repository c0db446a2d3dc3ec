#!/usr/bin/perl
# Times Debian's libsisimai-perl over the message files named on standard input (one path per line), for
# `leadfwd bench classify --sisimai`. Module loading is outside the timed loop, like our own warm-up.
# Prints one line: "files=N seconds=S bounces=B".
use strict;
use warnings;
use Sisimai;
use Time::HiRes qw(time);

my @files = grep { length } map { chomp; $_ } <STDIN>;
my $rounds = shift @ARGV // 1;
my $bounces = 0;
my $started = time;
for (1 .. $rounds) {
    for my $file (@files) {
        my $results = Sisimai->make($file, 'delivered' => 1) // [];
        $bounces += scalar @$results;
    }
}
my $elapsed = time - $started;
printf "files=%d seconds=%.6f bounces=%d\n", scalar(@files) * $rounds, $elapsed, $bounces;
