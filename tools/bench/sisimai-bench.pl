#!/usr/bin/perl
# Times Debian's sisimai (libsisimai-perl 4.25.x: Sisimai->make; 5.x calls it Sisimai->rise) over
# the same corpus BounceBench reads, on one thread, and prints messages per second.
#   apt-get install -y libsisimai-perl
#   perl tools/bench/sisimai-bench.pl src/test/resources/bounces/emails [rounds]
# Each file is read once into memory first, so both sides time decoding, not disk.
use strict;
use warnings;
use Sisimai;
use Time::HiRes qw(time);

my $dir    = shift // 'src/test/resources/bounces/emails';
my $rounds = shift // 5;
opendir(my $dh, $dir) or die "cannot open $dir: $!";
my @files = sort grep { /\.eml\z/ } readdir($dh);
closedir($dh);
my @texts;
for my $f (@files) {
    open(my $fh, '<:raw', "$dir/$f") or die "$f: $!";
    local $/;
    push @texts, scalar <$fh>;
    close $fh;
}
my $api = Sisimai->can('rise') ? 'rise' : 'make';
my %opts = (delivered => 1, vacation => 1);
# warm-up round
for my $t (@texts) { my $r = Sisimai->$api(\$t, %opts); }
my ($messages, $found) = (0, 0);
my $start = time;
my $cpu0 = (times)[0];
for (1 .. $rounds) {
    for my $t (@texts) {
        my $r = Sisimai->$api(\$t, %opts);
        $messages++;
        $found += scalar @{ $r // [] };
    }
}
my $secs = time - $start;
my $cpu = (times)[0] - $cpu0;
# The box is shared: CPU seconds (user time of this process) are the fairer figure under load.
printf "sisimai %s (%s): %d messages in %.2f s wall = %.0f messages/s; %.2f s CPU = %.0f messages/s per CPU-second (%d results)\n",
    Sisimai->version, $api, $messages, $secs, $messages / $secs, $cpu, $messages / $cpu, $found;
