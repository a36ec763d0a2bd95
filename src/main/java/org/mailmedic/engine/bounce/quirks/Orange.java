package org.mailmedic.engine.bounce.quirks;

/**
 * Orange / Wanadoo (France): replies carry private codes such as "LPN007_416" or "OFR006_102"
 * ("550 5.5.0 Adresse destinataire invalide. Invalid recipient. LPN007_416").
 */
final class Orange implements ReceiverQuirks.Quirk {

    @Override
    public boolean owns(String host, String family, String diag) {
        return host.endsWith("orange.fr") || host.endsWith("wanadoo.fr") || diag.contains("lpn007_")
                || diag.contains("ofr006_") || diag.contains("ofr004_") || diag.contains("lpn006_")
                || diag.contains("ofr_") || diag.contains("orange.fr") || diag.contains("wanadoo.fr");
    }

    @Override
    public String reason(String status, String d) {
        if (d.contains("lpn007_416") || d.contains("destinataire invalide")) {
            return "userunknown";
        }
        if (d.contains("lpn007_426") || d.contains("compte du destinataire est bloque")) {
            return "suspend";
        }
        if (d.contains("ofr006_102") || d.contains("ip source bloquee")) {
            return "blocked";
        }
        if (d.contains("ofr005_505") || d.contains("service refuse")) {
            return "systemerror";
        }
        if (d.contains("mail rejete") || d.contains("ofr004_") || d.contains("ofr_506")) {
            return "spamdetected";
        }
        return "";
    }
}
