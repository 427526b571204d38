package io.gemhost.gems;

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
@Table(name = "rubygem")
@NamedQuery(name = "Rubygem.findByName", query = "SELECT g FROM Rubygem g WHERE g.nameKey = :key")
public class Rubygem {

    @Id
    @SequenceGenerator(name = "gemhost_seq", sequenceName = "gemhost_seq", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "gemhost_seq")
    private Long id;
    private String name;
    @Column(name = "name_key")
    private String nameKey;
    @Column(name = "created_at")
    @Convert(converter = EpochMillis.class)
    private Instant createdAt;

    protected Rubygem() {
    }

    Rubygem(String name, Instant createdAt) {
        this.name = name;
        this.nameKey = key(name);
        this.createdAt = createdAt;
    }

    /** The form under which a gem name is unique: names that differ only in case are one gem. */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public Long getId() { return id; }
    public String getName() { return name; }
}
