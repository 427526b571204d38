package io.gemhost.apikey;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What an API key may do, with the names the gem client sends and stores. */
public enum Scope {
    INDEX_RUBYGEMS("index_rubygems"),
    PUSH_RUBYGEM("push_rubygem"),
    YANK_RUBYGEM("yank_rubygem"),
    ADD_OWNER("add_owner"),
    REMOVE_OWNER("remove_owner"),
    ACCESS_WEBHOOKS("access_webhooks"),
    SHOW_DASHBOARD("show_dashboard"),
    CONFIGURE_TRUSTED_PUBLISHERS("configure_trusted_publishers");

    private final String code;

    Scope(String code) {
        this.code = code;
    }

    /** The name on the wire and in the database. */
    public String code() {
        return code;
    }

    /** The scopes that act on a gem, so that a key may be limited to one (rubygems.org's list). */
    public static final Set<Scope> GEM_SCOPABLE = java.util.Collections.unmodifiableSet(
            EnumSet.of(PUSH_RUBYGEM, YANK_RUBYGEM, ADD_OWNER, REMOVE_OWNER, CONFIGURE_TRUSTED_PUBLISHERS));

    public static Optional<Scope> fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }

    /** The stored form: codes in alphabetical order, separated by spaces. */
    static String join(Collection<Scope> scopes) {
        return scopes.stream().map(Scope::code).sorted().collect(Collectors.joining(" "));
    }

    /** The scopes of a stored form; names this version does not know are left out. */
    static Set<Scope> parse(String stored) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        if (stored != null) {
            Arrays.stream(stored.split(" ")).map(Scope::fromCode).flatMap(Optional::stream).forEach(scopes::add);
        }
        return scopes;
    }
}
