package org.mailmedic.ui;

import javafx.application.Application;

/** Called by {@code Main} (by name, so the command line never loads JavaFX). */
public final class Launcher {

    private Launcher() {
    }

    public static void launch(String[] args) {
        Application.launch(App.class, args);
    }
}
