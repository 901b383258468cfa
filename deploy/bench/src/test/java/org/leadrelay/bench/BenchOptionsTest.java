package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void readsSeveralRatesAndDurations() {
        BenchOptions options = BenchOptions.parse("--rate=50,100,200", "--duration=2m", "--warmup=500ms", "--preload=100,000",
                "--port-offset=300", "--label=100k history");

        assertThat(options.rates()).containsExactly(50.0, 100.0, 200.0);
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.warmup()).isEqualTo(Duration.ofMillis(500));
        assertThat(options.preload()).isEqualTo(100_000);
        assertThat(options.portOffset()).isEqualTo(300);
        assertThat(options.leads()).isNull();
        assertThat(options.label()).isEqualTo("100k history");
    }

    @Test
    void defaultsToTheDefaultStackAndItsBenchDirectory() {
        BenchOptions options = BenchOptions.parse();

        assertThat(options.rates()).containsExactly(20.0);
        assertThat(options.dataDir()).isEqualTo(Path.of(".leadrelay"));
        assertThat(options.out()).isEqualTo(Path.of(".leadrelay", "bench"));
        assertThat(options.portOffset()).isNull();
        assertThat(options.concurrency()).isEqualTo(16);
    }

    @Test
    void aBareNumberIsSecondsAndZeroSkipsTheWarmUp() {
        assertThat(BenchOptions.duration("warmup", "0")).isZero();
        assertThat(BenchOptions.duration("duration", "45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(BenchOptions.duration("duration", "1.5s")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        assertThatThrownBy(() -> BenchOptions.parse("--rte=5")).hasMessageContaining("--rte");
        assertThatThrownBy(() -> BenchOptions.parse("--rate=fast")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchOptions.parse("--rate=-1")).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchOptions.parse("--partner-capacity=20000")).hasMessageContaining("10000");
    }

    @Test
    void samplesTheFootprintEveryMinuteUnlessToldOtherwise() {
        assertThat(BenchOptions.parse().sampleEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(BenchOptions.parse("--sample-every=15s").sampleEvery()).isEqualTo(Duration.ofSeconds(15));
        assertThatThrownBy(() -> BenchOptions.parse("--sample-every=500ms")).hasMessageContaining("--sample-every");
    }

    @Test
    void readsMinutesAndHours() {
        assertThat(BenchOptions.parse("--duration=60m").duration()).isEqualTo(Duration.ofHours(1));
        assertThat(BenchOptions.parse("--duration=1h").duration()).isEqualTo(Duration.ofHours(1));
        assertThat(BenchOptions.parse("--duration=90m").duration()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void soakIsAnHourAtFiftyLeadsASecondAfterTwoMinutesOfWarmUp() {
        BenchOptions soak = BenchOptions.parse("--soak");

        assertThat(soak.rates()).containsExactly(50.0);
        assertThat(soak.duration()).isEqualTo(Duration.ofMinutes(60));
        assertThat(soak.warmup()).isEqualTo(Duration.ofMinutes(2));
        assertThat(soak.sampleEvery()).isEqualTo(Duration.ofMinutes(1));
        assertThat(soak).isEqualTo(BenchOptions.parse("--rate=50", "--duration=60m", "--warmup=2m", "--sample-every=1m"));
    }

    @Test
    void optionsGivenWithSoakOverrideIt() {
        BenchOptions longer = BenchOptions.parse("--duration=4h", "--soak", "--label=overnight");

        assertThat(longer.duration()).isEqualTo(Duration.ofHours(4));
        assertThat(longer.rates()).containsExactly(50.0);
        assertThat(longer.label()).isEqualTo("overnight");
    }
}
