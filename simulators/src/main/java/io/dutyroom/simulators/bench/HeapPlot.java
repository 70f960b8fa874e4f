package io.dutyroom.simulators.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;

/**
 * The soak's memory as a PNG: the hub's heap in use and its resident set over time, the heap cap
 * for reference and the phases marked, so a heap that keeps climbing, or a saw-tooth pressed against
 * the cap, shows at a glance. Where the hub is down the lines break. Drawn with Java2D, as
 * {@link StepPlot}, so the report needs no plotting tool.
 */
final class HeapPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 70;
    private static final int BOTTOM = 60;
    private static final Color HEAP = new Color(0x1f, 0x6f, 0xc5);
    private static final Color RSS = new Color(0xd0, 0x60, 0x10);
    private static final Color GREY = new Color(0x99, 0x99, 0x99);
    private static final Color KILL = new Color(0xc0, 0x20, 0x20);
    private static final Stroke DASHED = new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0);
    /** The hub's -Xmx in the soak. */
    static final double HEAP_CAP_MIB = 512;

    private HeapPlot() {
    }

    /** Plots the samples, marking where each phase began and where the hub was killed ({@code killSeconds}). */
    static void write(List<SoakSample> samples, List<SoakPhase> phases, double killSeconds, String title, Path png) throws IOException {
        double maxX = Math.max(1, samples.isEmpty() ? 1 : samples.get(samples.size() - 1).elapsedSeconds());
        double maxY = Math.max(HEAP_CAP_MIB, samples.stream().mapToDouble(s -> Math.max(s.rssMiB(), s.hub().map(HubMetrics.Sample::heapMiB).orElse(0.0)))
                .max().orElse(0)) * 1.08;
        boolean minutes = maxX > 600;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axes(g, maxX, maxY, minutes);
        phases(g, phases, maxX);
        g.setColor(KILL);
        g.setStroke(DASHED);
        g.drawLine(x(killSeconds, maxX), TOP + 34, x(killSeconds, maxX), HEIGHT - BOTTOM);
        g.drawString("kill -9", x(killSeconds, maxX) + 4, TOP + 46);
        g.setColor(GREY);
        g.setStroke(DASHED);
        g.drawLine(LEFT, y(HEAP_CAP_MIB, maxY), WIDTH - RIGHT, y(HEAP_CAP_MIB, maxY));
        g.drawString("heap cap (-Xmx512m)", WIDTH - RIGHT - 130, y(HEAP_CAP_MIB, maxY) - 5);
        g.setStroke(new BasicStroke(2));
        line(g, samples, s -> s.rssMiB() > 0 ? s.rssMiB() : Double.NaN, RSS, maxX, maxY);
        line(g, samples, s -> s.hub().map(HubMetrics.Sample::heapMiB).orElse(Double.NaN), HEAP, maxX, maxY);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        legend(g, 0, HEAP, "hub heap in use");
        legend(g, 1, RSS, "hub resident set (RSS)");
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    /** A polyline through the values, broken where a value is missing (NaN). */
    private static void line(Graphics2D g, List<SoakSample> samples, ToDoubleFunction<SoakSample> value, Color c, double maxX, double maxY) {
        g.setColor(c);
        SoakSample previous = null;
        for (SoakSample s : samples) {
            double v = value.applyAsDouble(s);
            if (Double.isNaN(v)) {
                previous = null;
                continue;
            }
            if (previous != null) {
                g.drawLine(x(previous.elapsedSeconds(), maxX), y(value.applyAsDouble(previous), maxY), x(s.elapsedSeconds(), maxX), y(v, maxY));
            } else {
                g.fillOval(x(s.elapsedSeconds(), maxX) - 2, y(v, maxY) - 2, 5, 5);
            }
            previous = s;
        }
    }

    private static void phases(Graphics2D g, List<SoakPhase> phases, double maxX) {
        for (int i = 0; i < phases.size(); i++) {
            int px = x(phases.get(i).startSeconds(), maxX);
            g.setColor(GREY);
            g.setStroke(DASHED);
            g.drawLine(px, TOP, px, HEIGHT - BOTTOM);
            g.setColor(Color.DARK_GRAY);
            g.drawString(phases.get(i).name(), px + 4, TOP + 14 + (i % 2) * 14); // staggered: a short phase's label would run into the next
        }
        g.setStroke(new BasicStroke(1));
    }

    private static void legend(Graphics2D g, int row, Color c, String label) {
        g.setColor(c);
        g.fillRect(LEFT + 20 + row * 200, 38, 18, 4);
        g.setColor(Color.BLACK);
        g.drawString(label, LEFT + 44 + row * 200, 45);
    }

    private static void axes(Graphics2D g, double maxX, double maxY, boolean minutes) {
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        double yTick = PlotTicks.nice(maxY / 6);
        for (double v = 0; v <= maxY; v += yTick) {
            String label = String.format(Locale.ROOT, "%,.0f", v);
            g.setColor(new Color(0xee, 0xee, 0xee));
            g.drawLine(LEFT + 1, y(v, maxY), WIDTH - RIGHT, y(v, maxY));
            g.setColor(Color.BLACK);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y(v, maxY) + 4);
        }
        double unit = minutes ? 60 : 1;
        double xTick = PlotTicks.nice(maxX / unit / 8) * unit;
        for (double v = 0; v <= maxX; v += xTick) {
            String label = String.format(Locale.ROOT, "%,.0f", v / unit);
            g.drawString(label, x(v, maxX) - g.getFontMetrics().stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        g.drawString(minutes ? "minutes since the start" : "seconds since the start", (WIDTH - 140) / 2, HEIGHT - 20);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString("MiB", -(HEIGHT + 20) / 2, 22);
        r.dispose();
    }

    private static int x(double v, double max) {
        return LEFT + (int) Math.round(v / max * (WIDTH - LEFT - RIGHT));
    }

    private static int y(double v, double max) {
        return HEIGHT - BOTTOM - (int) Math.round(v / max * (HEIGHT - TOP - BOTTOM));
    }
}
