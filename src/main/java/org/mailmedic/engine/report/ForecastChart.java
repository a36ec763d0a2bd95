package org.mailmedic.engine.report;

import java.awt.Color;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.mailmedic.engine.report.PdfCanvas.Style;
import org.mailmedic.engine.report.PdfFonts.Face;
import org.mailmedic.engine.report.ReportModel.Day;

/**
 * The queue forecast drawn with PDF path operators from the series itself (no bitmap): the
 * backlog as a line on the left scale, messages delivered and expired per day as bars on the
 * right scale, axes with "nice" ticks, gridlines, day labels and a legend. Sharp at any zoom
 * and produced headless.
 */
final class ForecastChart {

    static final Color BACKLOG = new Color(0xc0, 0x39, 0x2b);
    static final Color DELIVERED = new Color(0x4a, 0x90, 0xc8);
    static final Color EXPIRED = new Color(0x55, 0x55, 0x55);
    private static final Style TICK = new Style(Face.REGULAR, 7.5f, 9, PdfCanvas.GREY);
    private static final Style AXIS = new Style(Face.BOLD, 8, 10, PdfCanvas.GREY);
    private static final Style LEGEND = new Style(Face.REGULAR, 8.5f, 10, PdfCanvas.INK);

    private ForecastChart() {
    }

    /** Height the chart takes, legend included. */
    static float height() {
        return 250;
    }

    /** Draws the chart with its top at the canvas cursor and moves the cursor below it. */
    static void draw(PdfCanvas c, List<Day> unsorted) throws IOException {
        List<Day> series = unsorted.stream().sorted(java.util.Comparator.comparingInt(Day::day)).toList();
        PDPageContentStream cs = c.stream();
        float top = c.y;
        float left = PdfCanvas.MARGIN_X + 42;
        float right = PdfCanvas.MARGIN_X + PdfCanvas.CONTENT_W - 42;
        float bottom = top - 196;
        float plotTop = top - 18;
        float w = right - left;
        float h = plotTop - bottom;

        double maxBacklog = 0;
        double maxPerDay = 0;
        int firstDay = series.isEmpty() ? 0 : series.get(0).day();
        int lastDay = firstDay;
        for (Day d : series) {
            maxBacklog = Math.max(maxBacklog, finite(d.backlog()));
            maxPerDay = Math.max(maxPerDay, Math.max(finite(d.delivered()), finite(d.expired())));
            lastDay = Math.max(lastDay, d.day());
            firstDay = Math.min(firstDay, d.day());
        }
        double[] leftTicks = ticks(maxBacklog);
        double[] rightTicks = ticks(maxPerDay);
        double leftMax = leftTicks[leftTicks.length - 1];
        double rightMax = rightTicks[rightTicks.length - 1];
        long span = Math.max(1L, (long) lastDay - firstDay + 1);
        float slot = w / span;

        // gridlines and left ticks (backlog scale)
        cs.setLineWidth(0.4f);
        for (double t : leftTicks) {
            float yy = (float) (bottom + h * t / leftMax);
            cs.setStrokingColor(t == 0 ? PdfCanvas.GREY : PdfCanvas.RULE);
            cs.moveTo(left, yy);
            cs.lineTo(right, yy);
            cs.stroke();
            String label = fmt(t);
            c.drawLine(label, TICK, left - 4 - c.width(label, TICK), yy - 2.5f);
        }
        // right ticks (per-day scale), placed at the same relative heights when possible
        for (double t : rightTicks) {
            float yy = (float) (bottom + h * t / rightMax);
            cs.setStrokingColor(PdfCanvas.GREY);
            cs.moveTo(right, yy);
            cs.lineTo(right + 3, yy);
            cs.stroke();
            c.drawLine(fmt(t), TICK, right + 5, yy - 2.5f);
        }
        // axes
        cs.setStrokingColor(PdfCanvas.GREY);
        cs.setLineWidth(0.8f);
        cs.moveTo(left, plotTop);
        cs.lineTo(left, bottom);
        cs.lineTo(right, bottom);
        cs.lineTo(right, plotTop);
        cs.stroke();

        // bars: delivered and expired side by side within each day's slot
        float barW = Math.max(0.6f, Math.min(9f, slot * 0.36f));
        for (Day d : series) {
            float cx = left + slot * (d.day() - firstDay + 0.5f);
            float dh = (float) (h * finite(d.delivered()) / rightMax);
            float eh = (float) (h * finite(d.expired()) / rightMax);
            if (dh > 0) {
                c.fillRect(cx - barW, bottom, barW, dh, DELIVERED);
            }
            if (eh > 0) {
                c.fillRect(cx, bottom, barW, eh, EXPIRED);
            }
        }
        // backlog line with markers
        cs.setStrokingColor(BACKLOG);
        cs.setLineWidth(1.8f);
        cs.setLineJoinStyle(1);
        cs.setLineCapStyle(1);
        boolean started = false;
        for (Day d : series) {
            float px = left + slot * (d.day() - firstDay + 0.5f);
            float py = (float) (bottom + h * finite(d.backlog()) / leftMax);
            if (!started) {
                cs.moveTo(px, py);
                started = true;
            } else {
                cs.lineTo(px, py);
            }
        }
        if (started) {
            cs.stroke();
        }
        if (series.size() <= 60) {
            for (Day d : series) {
                float px = left + slot * (d.day() - firstDay + 0.5f);
                float py = (float) (bottom + h * finite(d.backlog()) / leftMax);
                c.fillRect(px - 1.8f, py - 1.8f, 3.6f, 3.6f, BACKLOG);
            }
        }
        // day labels
        long every = Math.max(1L, (long) Math.ceil(span / 15.0));
        cs.setStrokingColor(PdfCanvas.GREY);
        cs.setLineWidth(0.6f);
        for (long day = firstDay; day <= lastDay; day += every) {
            float px = left + slot * (day - firstDay + 0.5f);
            cs.moveTo(px, bottom);
            cs.lineTo(px, bottom - 3);
            cs.stroke();
            String label = Long.toString(day);
            c.drawLine(label, TICK, px - c.width(label, TICK) / 2, bottom - 12);
        }
        String xTitle = "Day";
        c.drawLine(xTitle, AXIS, left + w / 2 - c.width(xTitle, AXIS) / 2, bottom - 24);
        c.drawLine("Waiting in queue", AXIS.withColor(BACKLOG), left - 40, plotTop + 9);
        String rt = "Per day";
        c.drawLine(rt, AXIS.withColor(DELIVERED.darker()), right + 40 - c.width(rt, AXIS), plotTop + 9);

        // legend
        float ly = bottom - 42;
        String l1 = "Messages waiting (left scale)";
        String l2 = "Delivered that day (right scale)";
        String l3 = "Expired (bounced) that day";
        float legendW = 20 + c.width(l1, LEGEND) + 16 + 14 + c.width(l2, LEGEND) + 16 + 14 + c.width(l3, LEGEND);
        float lx = PdfCanvas.MARGIN_X + Math.max(0, (PdfCanvas.CONTENT_W - legendW) / 2);
        cs.setStrokingColor(BACKLOG);
        cs.setLineWidth(1.8f);
        cs.moveTo(lx, ly + 3);
        cs.lineTo(lx + 16, ly + 3);
        cs.stroke();
        lx += 20;
        c.drawLine(l1, LEGEND, lx, ly);
        lx += c.width(l1, LEGEND) + 16;
        c.fillRect(lx, ly - 1, 10, 8, DELIVERED);
        lx += 14;
        c.drawLine(l2, LEGEND, lx, ly);
        lx += c.width(l2, LEGEND) + 16;
        c.fillRect(lx, ly - 1, 10, 8, EXPIRED);
        lx += 14;
        c.drawLine(l3, LEGEND, lx, ly);
        c.y = top - height();
    }

    private static double finite(double v) {
        return Double.isFinite(v) && v > 0 ? v : 0;
    }

    /** 0 and 4-6 evenly spaced round values covering {@code max} (1, 2, 2.5 or 5 times a power of ten). */
    static double[] ticks(double max) {
        if (!(max > 0)) {
            return new double[] {0, 1};
        }
        double raw = max / 5;
        double pow = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = pow;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * pow >= raw) {
                step = m * pow;
                break;
            }
        }
        int n = (int) Math.ceil(max / step - 1e-9);
        double[] out = new double[n + 1];
        for (int i = 0; i <= n; i++) {
            out[i] = java.math.BigDecimal.valueOf(step).multiply(java.math.BigDecimal.valueOf(i)).doubleValue();
        }
        return out;
    }

    static String fmt(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-9) {
            return String.format(java.util.Locale.ROOT, "%,d", (long) Math.rint(v));
        }
        return String.format(java.util.Locale.ROOT, "%,.1f", v);
    }
}
