package io.gemhost.account;

import io.gemhost.config.EpochMillis;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

@Entity
@Table(name = "account")
@NamedQuery(name = "Account.findByEmail", query = "SELECT a FROM Account a WHERE a.emailKey = :key")
@NamedQuery(name = "Account.findByHandle", query = "SELECT a FROM Account a WHERE a.handleKey = :key")
public class Account {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;

    private String email;
    @Column(name = "email_key")
    private String emailKey;
    private String handle;
    @Column(name = "handle_key")
    private String handleKey;
    @Column(name = "password_hash")
    private String passwordHash;
    @Column(name = "mfa_level")
    @Convert(converter = MfaLevelConverter.class)
    private MfaLevel mfaLevel;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;
    @Column(name = "email_confirmed_at")
    @Convert(converter = EpochMillis.class)
    private Instant emailConfirmedAt;
    /** When the holder was told that their password appears in a data breach; cleared by a new password. */
    @Column(name = "breached_password_notice_at")
    @Convert(converter = EpochMillis.class)
    private Instant breachedPasswordNoticeAt;
    /** The holder's language for pages and mails (a tag of language/Languages); null: none chosen. */
    private String language;

    protected Account() {
    }

    public Account(String email, String handle, String passwordHash, Instant createdAt) {
        this.email = email;
        this.emailKey = key(email);
        this.handle = handle;
        this.handleKey = key(handle);
        this.passwordHash = passwordHash;
        this.mfaLevel = MfaLevel.DISABLED;
        this.createdAt = createdAt;
    }

    /** Emails and handles are unique ignoring case: this is the form they are compared in. */
    public static String key(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    public Long getId() { return id; }
    public boolean isEmailConfirmed() { return emailConfirmedAt != null; }
    public void confirmEmail(Instant at) { this.emailConfirmedAt = at; }
    /** A confirmed change of address (the new one was proven by its mailed link). */
    public void changeEmail(String newEmail, Instant at) {
        this.email = newEmail;
        this.emailKey = key(newEmail);
        this.emailConfirmedAt = at;
    }
    public String getEmail() { return email; }
    public String getHandle() { return handle; }
    public String getPasswordHash() { return passwordHash; }
    /** A new password; a notice that the old one appears in a data breach no longer applies. */
    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        this.breachedPasswordNoticeAt = null;
    }
    public boolean isPasswordBreached() { return breachedPasswordNoticeAt != null; }
    public void noteBreachedPassword(Instant at) { this.breachedPasswordNoticeAt = at; }
    public MfaLevel getMfaLevel() { return mfaLevel; }
    public void setMfaLevel(MfaLevel mfaLevel) { this.mfaLevel = mfaLevel; }
    public Instant getCreatedAt() { return createdAt; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
}
