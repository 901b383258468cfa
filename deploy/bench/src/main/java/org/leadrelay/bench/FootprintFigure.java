package org.leadrelay.bench;

/** What the footprint tables show of each process, memory in MB (1 MB = 1,024 kB), counts as they are. */
enum FootprintFigure {

    RSS("resident memory (MB)", true),
    HEAP_AFTER_GC("heap after GC (MB)", true),
    OPEN_FILES("open files", false),
    THREADS("threads", false);

    private final String label;
    private final boolean memory;

    FootprintFigure(String label, boolean memory) {
        this.label = label;
        this.memory = memory;
    }

    String label() {
        return label;
    }

    /** Memory is judged by its trend, counts by how far they move (see {@link FlatnessRule}). */
    boolean memory() {
        return memory;
    }

    /** The figure in the table's unit, or null when the sample does not have it (heap after GC, sometimes). */
    Double of(Footprint footprint) {
        return switch (this) {
            case RSS -> footprint.rssKb() / 1024.0;
            case HEAP_AFTER_GC -> footprint.heapAfterGcKb() == null ? null : footprint.heapAfterGcKb() / 1024.0;
            case OPEN_FILES -> (double) footprint.openFiles();
            case THREADS -> (double) footprint.threads();
        };
    }
}
