package io.gemhost.notify;

import io.gemhost.config.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Date;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends plain-text mail through Jakarta Mail to GEMHOST_SMTP_HOST, or, with no SMTP host, writes
 * it to GEMHOST_DATA/outbox/ as an .eml file (development). A {@link Mail} event is sent once the
 * transaction that fired it has committed. Delivery runs on a managed thread so a slow mail server
 * never holds a request; a failure is logged without the mail's content.
 */
@ApplicationScoped
public class Mailer {

    /**
     * A plain-text mail to one address. Fired as a CDI event inside a transaction, it is delivered
     * only once that transaction has committed (and never if it rolls back).
     */
    public record Mail(String to, String subject, String body) {
    }

    @Inject
    Clock clock;

    private static final Logger LOG = Logger.getLogger(Mailer.class.getName());

    @Inject
    Settings settings;
    @Resource
    ManagedExecutorService executor;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Mail mail) {
        send(mail);
    }

    /** Mails handed to the executor and not yet delivered (or given up). */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    void send(Mail mail) {
        pending.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    deliver(mail);
                } finally {
                    delivered();
                }
            });
        } catch (RuntimeException refused) {
            delivered();
            throw refused;
        }
    }

    private synchronized void delivered() {
        if (pending.decrementAndGet() == 0) {
            notifyAll();
        }
    }

    /** Waits until no mail is being delivered, at most {@code limit} (a draining node: docs/ARCHITECTURE.md, "Shutdown and drain"). */
    public synchronized boolean awaitDelivered(java.time.Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (pending.get() > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    void deliver(Mail mail) {
        try {
            MimeMessage message = message(mail);
            if (settings.smtpHost().isPresent()) {
                Transport.send(message);
            } else {
                writeToOutbox(message);
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not deliver a notification ({0}): {1}",
                    new Object[] {mail.subject(), e.getClass().getSimpleName()});
        }
    }

    private MimeMessage message(Mail mail) throws MessagingException {
        Properties props = new Properties();
        settings.smtpHost().ifPresent(host -> props.put("mail.smtp.host", host));
        props.put("mail.smtp.port", String.valueOf(settings.smtpPort()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(settings.mailFrom()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to()));
        message.setSubject(mail.subject(), "UTF-8");
        message.setText(mail.body(), "UTF-8");
        message.setSentDate(new Date());
        message.saveChanges();
        return message;
    }

    private void writeToOutbox(MimeMessage message) throws IOException, MessagingException {
        Path outbox = settings.dataDir().resolve("outbox");
        Files.createDirectories(outbox);
        String name = clock.millis() + "-" + UUID.randomUUID();
        Path partial = outbox.resolve("." + name + ".tmp");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        Files.move(partial, outbox.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
    }
}
