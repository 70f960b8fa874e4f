package io.dutyroom.simulators.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The step test as a PNG: readings/s offered against readings/s stored, one line per ingester and
 * run; a filled dot is a sustained step, a ring one that lost or lagged. Drawn with Java2D so the
 * report needs no plotting tool.
 */
final class StepPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;
    private static final Map<String, Color> COLOURS = Map.of("bare", new Color(0x55, 0x55, 0x55), "dutyroom", new Color(0x1f, 0x6f, 0xc5),
            "peer", new Color(0xd0, 0x60, 0x10), "bare-indexed", new Color(0x99, 0x99, 0x99));
    private static final Map<String, String> LABELS = Map.of("bare", "bare pipeline (ceiling)", "dutyroom", "Dutyroom", "peer", "Node-RED peer", "bare-indexed",
            "bare pipeline with the hub's index");

    private StepPlot() {
    }

    static void write(List<StepResult> steps, String title, Path png) throws IOException {
        double max = steps.stream().mapToDouble(s -> Math.max(s.offeredReadings(), s.storedPerSecond())).max().orElse(1) * 1.05;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        axes(g, max);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 28);
        // stored = offered: what no loss and no lag looks like
        g.setColor(new Color(0xbb, 0xbb, 0xbb));
        g.setStroke(new BasicStroke(1, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 6}, 0));
        g.drawLine(x(0, max), y(0, max), x(max, max), y(max, max));
        g.setStroke(new BasicStroke(2));
        int legend = 0;
        for (String ingester : List.of("bare", "bare-indexed", "dutyroom", "peer")) {
            List<StepResult> mine = steps.stream().filter(s -> s.ingester().equals(ingester)).toList();
            if (mine.isEmpty()) {
                continue;
            }
            Color c = COLOURS.get(ingester);
            g.setColor(c);
            for (int run : mine.stream().map(StepResult::run).distinct().toList()) {
                List<StepResult> line = mine.stream().filter(s -> s.run() == run).sorted(Comparator.comparingInt(StepResult::offeredReadings)).toList();
                for (int i = 1; i < line.size(); i++) {
                    g.drawLine(x(line.get(i - 1).offeredReadings(), max), y(line.get(i - 1).storedPerSecond(), max),
                            x(line.get(i).offeredReadings(), max), y(line.get(i).storedPerSecond(), max));
                }
                for (StepResult s : line) {
                    int px = x(s.offeredReadings(), max);
                    int py = y(s.storedPerSecond(), max);
                    if (s.sustained()) {
                        g.fillOval(px - 4, py - 4, 9, 9);
                    } else {
                        g.setColor(Color.WHITE);
                        g.fillOval(px - 5, py - 5, 11, 11);
                        g.setColor(c);
                        g.drawOval(px - 5, py - 5, 11, 11);
                    }
                }
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.fillOval(LEFT + 20, TOP + 12 + legend * 20, 9, 9);
            g.setColor(Color.BLACK);
            g.drawString(LABELS.get(ingester), LEFT + 36, TOP + 21 + legend * 20);
            legend++;
        }
        g.setColor(Color.BLACK);
        g.drawString("● sustained (all stored, drained in time)   ○ lost or lagged", LEFT + 20, TOP + 21 + legend * 20);
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void axes(Graphics2D g, double max) {
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM);
        g.drawLine(LEFT, TOP, LEFT, HEIGHT - BOTTOM);
        double tick = PlotTicks.nice(max / 6);
        for (double v = 0; v <= max; v += tick) {
            String label = String.format(Locale.ROOT, "%,.0f", v);
            g.setColor(new Color(0xee, 0xee, 0xee));
            g.drawLine(LEFT + 1, y(v, max), WIDTH - RIGHT, y(v, max));
            g.setColor(Color.BLACK);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y(v, max) + 4);
            g.drawString(label, x(v, max) - g.getFontMetrics().stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        g.drawString("offered readings/s", (WIDTH - 110) / 2, HEIGHT - 25);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString("stored readings/s", -(HEIGHT + 100) / 2, 22);
        r.dispose();
    }

    private static int x(double v, double max) {
        return LEFT + (int) Math.round(v / max * (WIDTH - LEFT - RIGHT));
    }

    private static int y(double v, double max) {
        return HEIGHT - BOTTOM - (int) Math.round(v / max * (HEIGHT - TOP - BOTTOM));
    }
}
