package io.dutyroom.hub.http;

import io.dutyroom.hub.estate.EstateRegistry;
import io.dutyroom.hub.estate.Site;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code GET /api/v1/sites}: the estate as its file declares it, sites and their buildings with
 * names in both languages and floors, so screens name places as the estate's people do ("1号楼")
 * rather than by their ids. Devices are under {@code /api/v1/devices}.
 */
final class EstateRoutes {
    private final EstateRegistry estate;

    EstateRoutes(EstateRegistry estate) {
        this.estate = estate;
    }

    void mount(Router router) {
        router.get("/api/v1/sites").handler(this::sites);
    }

    private void sites(RoutingContext ctx) {
        new Params(ctx, Set.of());
        JsonArray sites = new JsonArray();
        for (Site site : estate.sites()) {
            JsonArray buildings = new JsonArray();
            for (Site.Building b : site.buildings()) {
                buildings.add(new JsonObject().put("id", b.id()).put("name", Json.text(b.name())).put("floors", new JsonArray(b.floors())));
            }
            sites.add(new JsonObject().put("id", site.id().value()).put("name", Json.text(site.name())).put("buildings", buildings));
        }
        Json.ok(ctx, new JsonObject().put("sites", sites));
    }
}
