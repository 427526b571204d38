package io.gemhost.gems;

import io.gemhost.cache.ReadCache.AccountChanged;
import io.gemhost.GemhostException;
import io.gemhost.account.Account;
import io.gemhost.account.Accounts;
import io.gemhost.config.Settings;
import io.gemhost.account.MfaLevel;
import io.gemhost.gems.GemDirectory.GemFileStaged;
import io.gemhost.gems.GemDirectory.GemFileYanked;
import io.gemhost.mfa.MfaPolicy;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Gems, their versions and owners. A pushed file is written under a temporary name and moved
 * into GEMHOST_DATA/gems only after the database commit; a yanked file is deleted only after
 * it (events observed by {@link GemDirectory}). So a row never points at a missing file, and a
 * crash leaves at most a temporary file.
 */
@Stateless
public class Gems {

    @Inject
    Clock clock;

    public record Owner(String email, String handle, long id) {
    }

    public record Summary(String name, List<String> versions) {
    }

    private static final Pattern TEMPORARY = Pattern.compile("\\.(.+\\.gem)\\.[0-9a-f-]{36}\\.tmp");
    private static final long STALE_TEMPORARY_MS = 10 * 60 * 1000;

    @PersistenceContext
    EntityManager em;
    @EJB
    Accounts accounts;
    @Inject
    Settings settings;
    @Inject
    Event<GemFileStaged> staged;
    @Inject
    Event<GemFileYanked> yanked;
    @Inject
    Event<AccountChanged> changed;

    public Path directory() {
        return settings.dataDir().resolve("gems");
    }

    /** Registers a version parsed (and so validated) by the caller with GemFile.parse. */

    /** Registers the version and stages its file; returns what was registered. */
    public GemSpec push(long accountId, MfaLevel level, GemSpec spec, byte[] file) {
        if (!MfaPolicy.mayChangeGem(level, spec.mfaRequired())) {
            throw new GemhostException("gem.mfaRequired");
        }
        if (!accounts.get(accountId).isEmailConfirmed()) {
            throw new GemhostException("gem.unconfirmed");
        }
        Instant now = clock.instant();
        Optional<Rubygem> existing = find(spec.name());
        Rubygem gem;
        if (existing.isPresent()) {
            gem = existing.get();
            OwnershipRules.mayPush(isOwner(gem.getId(), accountId));
            requireMfaIfAsked(gem, level);
            if (!em.createNamedQuery("GemVersion.find", GemVersion.class).setParameter("gem", gem.getId())
                    .setParameter("number", spec.version()).setParameter("platform", spec.platform()).getResultList().isEmpty()) {
                throw new GemhostException("gem.versionExists");
            }
        } else {
            gem = new Rubygem(spec.name(), now);
            em.persist(gem);
            em.flush();
            em.persist(new Ownership(gem.getId(), accountId, now));
        }
        store(gem, spec, file, accountId, now);
        return spec;
    }

    /**
     * A push by a trusted publisher's key (docs/SECURITY.md): no account and no second factor; the
     * caller has established that the key may push to the gem with this id.
     */
    public GemSpec pushAsPublisher(long gemId, GemSpec spec, byte[] file) {
        Rubygem gem = em.find(Rubygem.class, gemId);
        if (gem == null || !gem.getName().equalsIgnoreCase(spec.name())) {
            throw new GemhostException("gem.notOwner.push");
        }
        if (!em.createNamedQuery("GemVersion.find", GemVersion.class).setParameter("gem", gem.getId())
                .setParameter("number", spec.version()).setParameter("platform", spec.platform()).getResultList().isEmpty()) {
            throw new GemhostException("gem.versionExists");
        }
        store(gem, spec, file, null, clock.instant());
        return spec;
    }

    /**
     * The first push through a pending trusted publisher: creates the gem, owned by the account that
     * made the pending publisher, with this first version. Refused if the name is taken by now.
     */
    public Rubygem createAsPublisher(long ownerId, GemSpec spec, byte[] file) {
        if (find(spec.name()).isPresent()) {
            throw new GemhostException("gem.notOwner.push");
        }
        Instant now = clock.instant();
        Rubygem gem = new Rubygem(spec.name(), now);
        em.persist(gem);
        em.flush();
        em.persist(new Ownership(gem.getId(), ownerId, now));
        store(gem, spec, file, null, now);
        return gem;
    }

    private void store(Rubygem gem, GemSpec spec, byte[] file, Long pushedBy, Instant now) {
        // a gem name may hold "-": NAME-VERSION-PLATFORM of two gems can be the same file name
        if (!em.createQuery("SELECT v.id FROM GemVersion v WHERE v.fileName = :file", Long.class)
                .setParameter("file", spec.fileName()).setMaxResults(1).getResultList().isEmpty()) {
            throw new GemhostException("gem.versionExists");
        }
        em.persist(new GemVersion(gem.getId(), spec, pushedBy, now));
        em.flush();
        ownersChanged(gem);
        Path target = directory().resolve(spec.fileName());
        Path temporary = temporaryFor(target);
        try {
            Files.createDirectories(directory());
            Files.write(temporary, file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        staged.fire(new GemFileStaged(temporary, target));
    }

    /** A version removed: the gem's name and the version's number. */
    public record Yanked(String name, String number) {
    }

    public Yanked yank(long accountId, MfaLevel level, String name, String version, String platform) {
        Rubygem gem = get(name);
        OwnershipRules.mayYank(isOwner(gem.getId(), accountId));
        requireMfaIfAsked(gem, level);
        String p = platform == null || platform.isBlank() ? GemSpec.RUBY : platform;
        GemVersion v = em.createNamedQuery("GemVersion.find", GemVersion.class).setParameter("gem", gem.getId())
                .setParameter("number", version == null ? "" : version).setParameter("platform", p)
                .getResultStream().findFirst().orElseThrow(() -> new GemhostException("gem.notFound"));
        em.remove(v);
        ownersChanged(gem);
        Path file = directory().resolve(v.getFileName());
        yanked.fire(new GemFileYanked(file));
        return new Yanked(gem.getName(), v.getNumber());
    }

    public void addOwner(long accountId, MfaLevel level, String name, String who) {
        Rubygem gem = managed(name, accountId);
        requireMfaIfAsked(gem, level);
        attach(gem, account(who));
    }

    public void removeOwner(long accountId, MfaLevel level, String name, String who) {
        Rubygem gem = managed(name, accountId);
        requireMfaIfAsked(gem, level);
        Account owner = account(who);
        OwnershipRules.mayRemove(isOwner(gem.getId(), owner.getId()), owners(gem).size());
        em.createQuery("DELETE FROM Ownership o WHERE o.gemId = :gem AND o.accountId = :account")
                .setParameter("gem", gem.getId()).setParameter("account", owner.getId()).executeUpdate();
        changed.fire(new AccountChanged(owner.getId()));
    }

    /** Every owner's gem list now reads differently (a version came or went). */
    private void ownersChanged(Rubygem gem) {
        owners(gem).forEach(o -> changed.fire(new AccountChanged(o.id())));
    }

    public List<Owner> owners(String name) {
        return owners(get(name));
    }

    public List<Summary> ofAccount(long accountId) {
        List<Rubygem> gems = em.createQuery("SELECT g FROM Rubygem g, Ownership o WHERE o.gemId = g.id AND o.accountId = :account ORDER BY g.name", Rubygem.class)
                .setParameter("account", accountId).getResultList();
        List<Summary> result = new ArrayList<>();
        for (Rubygem gem : gems) {
            result.add(new Summary(gem.getName(), em.createNamedQuery("GemVersion.ofGem", GemVersion.class)
                    .setParameter("gem", gem.getId()).getResultStream().map(GemVersion::getNumber).distinct().toList()));
        }
        return result;
    }

    /** The owners of the gem with this id (empty for an unknown id). */
    public List<Owner> owners(long gemId) {
        Rubygem gem = em.find(Rubygem.class, gemId);
        return gem == null ? List.of() : owners(gem);
    }

    /** A gem of an account with its highest version (null before the first push), for the dashboard. */
    public record Latest(long id, String name, String version) {
    }

    /** The account's gems by name, each with its highest version number (VersionOrder), or null before the first push. */
    public List<Latest> latestOf(long accountId) {
        List<Rubygem> owned = em.createQuery("SELECT g FROM Rubygem g, Ownership o WHERE o.gemId = g.id AND o.accountId = :account ORDER BY g.name", Rubygem.class)
                .setParameter("account", accountId).getResultList();
        List<Latest> result = new ArrayList<>();
        for (Rubygem gem : owned) {
            List<String> numbers = em.createQuery("SELECT v.number FROM GemVersion v WHERE v.gemId = :gem", String.class)
                    .setParameter("gem", gem.getId()).getResultList();
            result.add(new Latest(gem.getId(), gem.getName(), VersionOrder.latest(numbers).orElse(null)));
        }
        return result;
    }

    private List<Owner> owners(Rubygem gem) {
        return em.createQuery("SELECT a FROM Account a, Ownership o WHERE o.accountId = a.id AND o.gemId = :gem ORDER BY a.id", Account.class)
                .setParameter("gem", gem.getId()).getResultStream()
                .map(a -> new Owner(a.getEmail(), a.getHandle(), a.getId())).toList();
    }

    /** An operator's assignment (a gem left without owners, or a dispute): no owner's consent needed. */
    public Owner assignOwner(String name, String who) {
        Account owner = account(who);
        attach(get(name), owner);
        return new Owner(owner.getEmail(), owner.getHandle(), owner.getId());
    }

    private void attach(Rubygem gem, Account owner) {
        OwnershipRules.mayAdd(isOwner(gem.getId(), owner.getId()), owner.isEmailConfirmed());
        em.persist(new Ownership(gem.getId(), owner.getId(), clock.instant()));
        changed.fire(new AccountChanged(owner.getId()));
    }

    private Rubygem managed(String name, long accountId) {
        Rubygem gem = get(name);
        OwnershipRules.mayManage(isOwner(gem.getId(), accountId));
        return gem;
    }

    private Account account(String who) {
        if (who == null || who.isBlank() || who.length() > 254) {
            throw new GemhostException("gem.owner.notFound");
        }
        return accounts.findByEmail(who).or(() -> accounts.findByHandle(who))
                .orElseThrow(() -> new GemhostException("gem.owner.notFound"));
    }

    /** The gem of this name in any case; empty for a name no gem can have (so no such text reaches a query). */
    public Optional<Rubygem> find(String name) {
        if (!GemSpec.isValidName(name)) {
            return Optional.empty();
        }
        return em.createNamedQuery("Rubygem.findByName", Rubygem.class).setParameter("key", Rubygem.key(name)).getResultStream().findFirst();
    }

    private Rubygem get(String name) {
        return find(name).orElseThrow(() -> new GemhostException("gem.notFound"));
    }

    public boolean isOwner(long gemId, long accountId) {
        return em.find(Ownership.class, key(gemId, accountId)) != null;
    }

    private static Ownership.Key key(long gemId, long accountId) {
        Ownership.Key key = new Ownership.Key();
        key.gemId = gemId;
        key.accountId = accountId;
        return key;
    }

    /** Whether the gem's latest version asks owners for MFA (rubygems_mfa_required). */
    boolean mfaRequired(Rubygem gem) {
        return em.createQuery("SELECT v FROM GemVersion v WHERE v.gemId = :gem ORDER BY v.createdAt DESC, v.id DESC", GemVersion.class)
                .setParameter("gem", gem.getId()).setMaxResults(1).getResultStream().findFirst().map(GemVersion::isMfaRequired).orElse(false);
    }

    private void requireMfaIfAsked(Rubygem gem, MfaLevel level) {
        if (!MfaPolicy.mayChangeGem(level, mfaRequired(gem))) {
            throw new GemhostException("gem.mfaRequired");
        }
    }

    /**
     * Brings GEMHOST_DATA/gems in line with the database after a crash: a temporary file whose
     * version committed is moved into place (the crash came between commit and move); a file with
     * no row (a yank's commit came before its delete) and temporary files of pushes that never
     * committed are removed once they are older than any push in progress could be. The
     * directory may be shared by nodes that take pushes meanwhile (a rolling restart): a file
     * placed after the rows were read is young and stays, its row is looked up again before a
     * delete, and a move another node made first is fine.
     * Returns the rows still without a file, which only a lost disk explains.
     */
    public List<String> reconcile() throws IOException {
        Set<String> rows = new HashSet<>(em.createQuery("SELECT v.fileName FROM GemVersion v", String.class).getResultList());
        Path dir = directory();
        Files.createDirectories(dir);
        long stale = clock.millis() - STALE_TEMPORARY_MS;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                Matcher temporary = TEMPORARY.matcher(name);
                if (temporary.matches()) {
                    Path target = dir.resolve(temporary.group(1));
                    if (rows.contains(temporary.group(1)) && !Files.exists(target)) {
                        GemDirectory.moveIntoPlace(file, target);
                    } else if (rows.contains(temporary.group(1)) || olderThan(file, stale) && !hasRow(temporary.group(1))) {
                        Files.deleteIfExists(file);
                    }
                } else if (name.endsWith(".gem") && !rows.contains(name) && olderThan(file, stale) && !hasRow(name)) {
                    Files.deleteIfExists(file);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String row : rows) {
            if (!Files.exists(dir.resolve(row))) {
                missing.add(row);
            }
        }
        return missing;
    }

    private static boolean olderThan(Path file, long millis) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toMillis() < millis;
        } catch (java.nio.file.NoSuchFileException gone) {
            return false; // moved or removed by another node meanwhile
        }
    }

    private boolean hasRow(String fileName) {
        return !em.createQuery("SELECT v.id FROM GemVersion v WHERE v.fileName = :file", Long.class)
                .setParameter("file", fileName).setMaxResults(1).getResultList().isEmpty();
    }

    static Path temporaryFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
    }
}
