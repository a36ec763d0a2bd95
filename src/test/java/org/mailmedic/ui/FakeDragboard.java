package org.mailmedic.ui;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.security.AccessControlContext;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.util.Pair;

/**
 * A real {@link Dragboard} backed by an in-memory clipboard, so tests can deliver DragEvents
 * carrying files through the scene exactly as the OS would (no OS drag source exists headless).
 */
public final class FakeDragboard {

    private FakeDragboard() {
    }

    public static Dragboard withFiles(List<File> files) {
        Map<DataFormat, Object> content = new HashMap<>();
        content.put(DataFormat.FILES, files);
        TKClipboard peer = new TKClipboard() {
            private Image view;
            private double dx;
            private double dy;

            @Override
            public void setSecurityContext(@SuppressWarnings("removal") AccessControlContext ctx) {
            }

            @Override
            public Set<DataFormat> getContentTypes() {
                return content.keySet();
            }

            @Override
            @SafeVarargs
            public final boolean putContent(Pair<DataFormat, Object>... pairs) {
                for (Pair<DataFormat, Object> p : pairs) {
                    content.put(p.getKey(), p.getValue());
                }
                return true;
            }

            @Override
            public Object getContent(DataFormat format) {
                return content.get(format);
            }

            @Override
            public boolean hasContent(DataFormat format) {
                return content.containsKey(format);
            }

            @Override
            public Set<TransferMode> getTransferModes() {
                return EnumSet.of(TransferMode.COPY);
            }

            @Override
            public void setDragView(Image image) {
                view = image;
            }

            @Override
            public void setDragViewOffsetX(double offsetX) {
                dx = offsetX;
            }

            @Override
            public void setDragViewOffsetY(double offsetY) {
                dy = offsetY;
            }

            @Override
            public Image getDragView() {
                return view;
            }

            @Override
            public double getDragViewOffsetX() {
                return dx;
            }

            @Override
            public double getDragViewOffsetY() {
                return dy;
            }
        };
        Dragboard board = DragboardHelper.createDragboard(peer);
        DragboardHelper.setDataAccessRestriction(board, false);
        return board;
    }
}
