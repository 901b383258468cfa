package org.leadrelay.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyPlotTest {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    @TempDir
    Path dir;

    @Test
    void writesAPngThatReadsBack() throws Exception {
        Path png = dir.resolve("plots/latency.png");
        List<LatencyPlot.Point> points = List.of(
                new LatencyPlot.Point(50, 40, 90, 180, false),
                new LatencyPlot.Point(100, 55, 160, 420, false),
                new LatencyPlot.Point(200, 900, 4_000, 9_500, false),
                new LatencyPlot.Point(130, 12_000, 30_000, 41_000, true));

        LatencyPlot.write(points, "post → webhook", "run test", png);

        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(960);
        assertThat(image.getHeight()).isEqualTo(600);
        assertThat(distinctColours(image)).isGreaterThan(4);
    }

    @Test
    void drawsEvenWithoutAnyPoint() throws Exception {
        Path png = dir.resolve("empty.png");

        LatencyPlot.write(List.of(new LatencyPlot.Point(Double.NaN, Double.NaN, Double.NaN, Double.NaN, true)), "t", "s", png);

        assertThat(ImageIO.read(png.toFile())).isNotNull();
    }

    @Test
    void rateTicksAreOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(LatencyPlot.niceStep(37)).isEqualTo(50);
        assertThat(LatencyPlot.niceStep(3.6)).isEqualTo(5);
        assertThat(LatencyPlot.niceStep(0.15)).isEqualTo(0.2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LatencyPlot.niceStep(100)).isEqualTo(100);
    }

    private static long distinctColours(BufferedImage image) {
        return java.util.stream.IntStream.range(0, image.getWidth() * image.getHeight())
                .map(i -> image.getRGB(i % image.getWidth(), i / image.getWidth())).distinct().count();
    }
}
