package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapAfterGcTest {

    @Test
    void readsTheLiveDataSizeFromAPrometheusScrape() {
        String scrape = """
                # HELP jvm_gc_live_data_size_bytes Size of long-lived heap memory pool after reclamation
                # TYPE jvm_gc_live_data_size_bytes gauge
                jvm_gc_live_data_size_bytes{service="lead-router"} 4.718592E7
                # HELP jvm_gc_max_data_size_bytes Max size of long-lived heap memory pool
                # TYPE jvm_gc_max_data_size_bytes gauge
                jvm_gc_max_data_size_bytes{service="lead-router"} 2.68435456E8
                jvm_gc_pause_seconds_count{action="end of major GC",cause="Allocation Failure",gc="MarkSweepCompact",service="lead-router"} 3
                """;

        assertThat(HeapAfterGc.kilobytes(scrape)).hasValue(46_080);
    }

    @Test
    void labelValuesMayHoldSpacesAndBraces() {
        String scrape = "jvm_gc_live_data_size_bytes{note=\"a } b\",service=\"x\"} 2048.0\n";

        assertThat(HeapAfterGc.kilobytes(scrape)).hasValue(2);
    }

    @Test
    void isUnknownBeforeTheFirstOldGenerationCollectionOrWithoutTheMetric() {
        assertThat(HeapAfterGc.kilobytes("jvm_gc_live_data_size_bytes{service=\"lead-intake\"} 0.0\n")).isEmpty();
        assertThat(HeapAfterGc.kilobytes("jvm_gc_max_data_size_bytes{service=\"lead-intake\"} 2.68435456E8\n")).isEmpty();
    }
}
