package io.gemhost.web;

import io.gemhost.account.CurrentUser;
import io.gemhost.gems.Gems;
import io.gemhost.publishing.Publishers;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** dashboard.xhtml: the signed-in account's gems, each with its highest version and a link to its publishers. */
@Named("dashboard")
@RequestScoped
public class DashboardBacking {

    @EJB
    Publishers publishers;
    @Inject
    CurrentUser user;

    private List<Gems.Latest> gems;

    public List<Gems.Latest> getGems() {
        if (gems == null) {
            gems = publishers.dashboard(user.getAccountId());
        }
        return gems;
    }
}
