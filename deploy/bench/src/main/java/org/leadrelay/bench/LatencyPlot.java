package org.leadrelay.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * A PNG of post → webhook latency (p50, p90, p99) against rate, drawn with Java2D: latency on a
 * log scale, since an overloaded rate is orders of magnitude slower than the rest.
 */
final class LatencyPlot {

    /** One rate's percentiles, in ms. An unpaced phase is placed at the rate it delivered. */
    record Point(double rate, double p50, double p90, double p99, boolean unpaced) {
    }

    private static final int WIDTH = 960;
    private static final int HEIGHT = 600;
    private static final int LEFT = 90;
    private static final int RIGHT = 40;
    private static final int TOP = 80;
    private static final int BOTTOM = 70;
    private static final double FLOOR_MS = 0.1;

    private record Series(String name, Color color, ToDoubleFunction<Point> value) {
    }

    private static final List<Series> SERIES = List.of(
            new Series("p50", new Color(0x1f77b4), Point::p50),
            new Series("p90", new Color(0xff7f0e), Point::p90),
            new Series("p99", new Color(0xd62728), Point::p99));

    private LatencyPlot() {
    }

    static Point of(PhaseResult phase) {
        Percentiles p = phase.stages().of(Stage.POST_TO_WEBHOOK);
        double rate = phase.spec().paced() ? phase.spec().rate() : phase.deliveredPerSecond();
        return new Point(rate, p.p50(), p.p90(), p.p99(), !phase.spec().paced());
    }

    static void write(List<Point> points, String title, String subtitle, Path png) {
        BufferedImage image = draw(points, title, subtitle);
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            if (!ImageIO.write(image, "png", png.toFile())) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    static BufferedImage draw(List<Point> given, String title, String subtitle) {
        List<Point> points = given.stream().filter(point -> point.rate() > 0 && !Double.isNaN(point.rate()))
                .sorted(Comparator.comparingDouble(Point::rate)).toList();
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title, LEFT, 32);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(Color.DARK_GRAY);
            g.drawString(subtitle, LEFT, 54);

            Axes axes = Axes.of(points);
            drawGrid(g, axes);
            for (Series series : SERIES) {
                drawSeries(g, axes, points, series);
            }
            drawLegend(g, points.stream().anyMatch(Point::unpaced));
            if (points.isEmpty()) {
                g.setColor(Color.DARK_GRAY);
                g.drawString("no phase delivered any lead", LEFT + 20, TOP + 40);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The scales: rate linear from 0, latency log10 over whole decades. */
    private record Axes(double maxRate, double rateStep, int lowDecade, int highDecade) {

        static Axes of(List<Point> points) {
            double maxRate = points.stream().mapToDouble(Point::rate).max().orElse(1);
            double step = niceStep(maxRate * 1.1 / 6);
            double top = Math.ceil(maxRate * 1.1 / step) * step;
            double low = Double.MAX_VALUE;
            double high = 0;
            for (Point point : points) {
                for (Series series : SERIES) {
                    double value = series.value().applyAsDouble(point);
                    if (!Double.isNaN(value)) {
                        low = Math.min(low, Math.max(FLOOR_MS, value));
                        high = Math.max(high, Math.max(FLOOR_MS, value));
                    }
                }
            }
            if (high == 0) {
                low = 1;
                high = 1000;
            }
            int lowDecade = (int) Math.floor(Math.log10(low));
            int highDecade = (int) Math.ceil(Math.log10(high));
            if (highDecade <= lowDecade) {
                highDecade = lowDecade + 1;
            }
            return new Axes(top, step, lowDecade, highDecade);
        }

        double x(double rate) {
            return LEFT + rate / maxRate * (WIDTH - LEFT - RIGHT);
        }

        double y(double ms) {
            double log = Math.log10(Math.max(FLOOR_MS, ms));
            return HEIGHT - BOTTOM - (log - lowDecade) / (highDecade - lowDecade) * (HEIGHT - TOP - BOTTOM);
        }
    }

    static double niceStep(double rough) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        for (double nice : new double[] {1, 2, 5, 10}) {
            if (nice * magnitude >= rough) {
                return nice * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static void drawGrid(Graphics2D g, Axes axes) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics metrics = g.getFontMetrics();
        int bottom = HEIGHT - BOTTOM;
        for (int decade = axes.lowDecade(); decade <= axes.highDecade(); decade++) {
            for (int mantissa : new int[] {1, 2, 5}) {
                double ms = mantissa * Math.pow(10, decade);
                if (decade == axes.highDecade() && mantissa > 1) {
                    break;
                }
                int y = (int) Math.round(axes.y(ms));
                g.setColor(mantissa == 1 ? new Color(0xd0d0d0) : new Color(0xeeeeee));
                g.drawLine(LEFT, y, WIDTH - RIGHT, y);
                g.setColor(Color.DARK_GRAY);
                String label = latencyLabel(ms);
                g.drawString(label, LEFT - 8 - metrics.stringWidth(label), y + metrics.getAscent() / 2 - 1);
            }
        }
        for (double rate = 0; rate <= axes.maxRate() + axes.rateStep() / 1000; rate += axes.rateStep()) {
            int x = (int) Math.round(axes.x(rate));
            g.setColor(new Color(0xeeeeee));
            g.drawLine(x, TOP, x, bottom);
            g.setColor(Color.DARK_GRAY);
            String label = rate == Math.rint(rate) ? Long.toString((long) rate) : String.format(Locale.ROOT, "%.1f", rate);
            g.drawString(label, x - metrics.stringWidth(label) / 2, bottom + 18);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, bottom);
        g.drawLine(LEFT, bottom, WIDTH - RIGHT, bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        String xTitle = "leads per second (paced: the rate asked; unpaced: the rate delivered)";
        g.drawString(xTitle, LEFT + (WIDTH - LEFT - RIGHT - g.getFontMetrics().stringWidth(xTitle)) / 2, HEIGHT - 22);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        String yTitle = "post → webhook received (log scale)";
        rotated.drawString(yTitle, -(TOP + (bottom - TOP) / 2 + rotated.getFontMetrics().stringWidth(yTitle) / 2), 22);
        rotated.dispose();
    }

    private static String latencyLabel(double ms) {
        if (ms >= 1000) {
            double seconds = ms / 1000;
            return (seconds == Math.rint(seconds) ? Long.toString((long) seconds) : String.format(Locale.ROOT, "%.1f", seconds)) + " s";
        }
        return (ms == Math.rint(ms) ? Long.toString((long) ms) : String.format(Locale.ROOT, "%.1f", ms)) + " ms";
    }

    private static void drawSeries(Graphics2D g, Axes axes, List<Point> points, Series series) {
        g.setColor(series.color());
        g.setStroke(new BasicStroke(2.2f));
        Path2D line = new Path2D.Double();
        List<double[]> marks = new ArrayList<>();
        for (Point point : points) {
            double value = series.value().applyAsDouble(point);
            if (Double.isNaN(value)) {
                continue;
            }
            double x = axes.x(point.rate());
            double y = axes.y(value);
            if (marks.isEmpty()) {
                line.moveTo(x, y);
            } else {
                line.lineTo(x, y);
            }
            marks.add(new double[] {x, y, point.unpaced() ? 1 : 0});
        }
        g.draw(line);
        for (double[] mark : marks) {
            Ellipse2D dot = new Ellipse2D.Double(mark[0] - 4.5, mark[1] - 4.5, 9, 9);
            if (mark[2] == 1) {
                g.setColor(Color.WHITE);
                g.fill(dot);
                g.setColor(series.color());
                g.draw(dot);
            } else {
                g.fill(dot);
            }
        }
        g.setStroke(new BasicStroke(1f));
    }

    private static void drawLegend(Graphics2D g, boolean unpaced) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = LEFT + 16;
        int y = TOP + 18;
        for (Series series : SERIES) {
            g.setColor(series.color());
            g.setStroke(new BasicStroke(2.2f));
            g.drawLine(x, y - 4, x + 24, y - 4);
            g.fill(new Ellipse2D.Double(x + 8, y - 8.5, 9, 9));
            g.setColor(Color.BLACK);
            g.drawString(series.name(), x + 32, y);
            y += 20;
        }
        g.setStroke(new BasicStroke(1f));
        if (unpaced) {
            g.setColor(Color.DARK_GRAY);
            g.drawString("hollow marker: unpaced phase", x, y + 2);
        }
    }
}
