#!/usr/bin/env python3
"""Generate the project's own labelled sample corpora under samples/classify/.

Python 3 standard library only. The text of every message is written out below by hand; this script only does
the mechanical work: MIME assembly, charsets, transfer encodings, RFC 2047 subjects, dates, Message-IDs and
line endings (LF, CRLF or CR-only, written byte for byte). Running it again reproduces the committed files exactly.

    python3 scripts/make-samples.py            # rewrites samples/classify/*/ and their labels.jsonl
"""
import base64
import datetime as dt
import hashlib
import json
import os
import quopri
import shutil
from email.header import Header
from email.utils import format_datetime

HERE = os.path.dirname(os.path.abspath(__file__))
CLASSIFY = os.path.join(HERE, "..", "samples", "classify")
OUR = "leadfwd-demo.com"

# folder -> list of (file name, bytes, label)
CORPUS = {}
EOL_COUNTS = {"lf": 0, "crlf": 0, "cr": 0}
EOL_FILES = {"crlf": [], "cr": []}


# ---------------------------------------------------------------- small helpers

def h(seed, n=12):
    """Deterministic hex from a seed, for ids and boundaries."""
    return hashlib.sha1(seed.encode()).hexdigest()[:n]


def tz(hours, minutes=0):
    return dt.timezone(dt.timedelta(hours=hours, minutes=minutes))


def when(s, offset=0):
    """'2026-11-18 09:14' in the given UTC offset (hours) -> aware datetime."""
    d = dt.datetime.strptime(s, "%Y-%m-%d %H:%M")
    return d.replace(tzinfo=tz(offset))


def rfcdate(d):
    return format_datetime(d)


def mid(seed, domain):
    return "<%s.%s@%s>" % (h(seed, 16).upper(), h(seed + "x", 6), domain)


def enc_words(text, charset="utf-8"):
    """RFC 2047 encode a header value when it is not plain ASCII."""
    try:
        text.encode("ascii")
        return text
    except UnicodeEncodeError:
        return Header(text, charset, maxlinelen=998).encode()


def addr(name, email, charset="utf-8"):
    if not name:
        return email
    try:
        name.encode("ascii")
        if any(c in name for c in ',.;:@()<>"'):
            return '"%s" <%s>' % (name, email)
        return "%s <%s>" % (name, email)
    except UnicodeEncodeError:
        return "%s <%s>" % (Header(name, charset).encode(), email)


def domain_of(email):
    return email.split("@", 1)[1]


def body_bytes(text, charset, cte):
    raw = text.encode(charset)
    if cte == "quoted-printable":
        return quopri.encodestring(raw)
    if cte == "base64":
        return base64.encodebytes(raw)
    return raw


class Part:
    """A MIME part: either a leaf with text/bytes, or a multipart with children."""

    def __init__(self, ctype, text=None, charset=None, cte=None, children=None, params=None,
                 headers=None, raw=None, boundary=None, disposition=None):
        self.ctype = ctype
        self.text = text
        self.charset = charset
        self.cte = cte
        self.children = children or []
        self.params = params or []
        self.headers = headers or []
        self.raw = raw
        self.boundary = boundary
        self.disposition = disposition

    def header_lines(self, seed):
        ct = self.ctype
        if self.charset:
            ct += '; charset="%s"' % self.charset if self.charset.startswith("windows") else "; charset=%s" % self.charset
        for k, v in self.params:
            ct += '; %s="%s"' % (k, v)
        if self.ctype.startswith("multipart/"):
            if not self.boundary:
                self.boundary = "----=_Part_%s" % h(seed + self.ctype, 20)
            ct += ';\n\tboundary="%s"' % self.boundary
        lines = ["Content-Type: " + ct]
        if self.cte:
            lines.append("Content-Transfer-Encoding: " + self.cte)
        if self.disposition:
            lines.append("Content-Disposition: " + self.disposition)
        lines += ["%s: %s" % kv for kv in self.headers]
        return lines

    def body(self, seed):
        if self.ctype.startswith("multipart/"):
            out = b""
            if self.text:
                out += self.text.encode("ascii") + b"\n"
            for i, c in enumerate(self.children):
                out += b"\n--" + self.boundary.encode() + b"\n"
                out += c.render(seed + str(i))
            out += b"\n--" + self.boundary.encode() + b"--\n"
            return out
        if self.raw is not None:
            return self.raw
        return body_bytes(self.text, self.charset or "us-ascii", self.cte)

    def render(self, seed):
        head = "\n".join(self.header_lines(seed)).encode("ascii") + b"\n\n"
        return head + self.body(seed)


def message(headers, part, seed):
    """headers: list of (name, value) already ASCII (use enc_words for others) or raw bytes values."""
    out = b""
    for k, v in headers:
        if isinstance(v, bytes):
            out += k.encode() + b": " + v + b"\n"
        else:
            out += ("%s: %s\n" % (k, v)).encode("ascii")
    out += b"MIME-Version: 1.0\n"
    out += part.render(seed)
    if not out.endswith(b"\n"):
        out += b"\n"
    return out


def eol(data, style):
    if style == "crlf":
        return data.replace(b"\n", b"\r\n")
    if style == "cr":
        return data.replace(b"\n", b"\r")
    return data


LANG_OF = {}


def emit(folder, name, data, label, style="lf", lang="en"):
    LANG_OF[folder + "/" + name] = lang
    assert b"\r" not in data, name
    data = eol(data, style)
    EOL_COUNTS[style] += 1
    if style != "lf":
        EOL_FILES[style].append(folder + "/" + name)
    lab = {"file": name}
    lab.update(label)
    names = [n for n, _, _ in CORPUS.get(folder, [])]
    assert name not in names, (folder, name)
    CORPUS.setdefault(folder, []).append((name, data, lab))


def write_all():
    for folder, items in CORPUS.items():
        d = os.path.join(CLASSIFY, folder)
        if os.path.isdir(d):
            shutil.rmtree(d)
        os.makedirs(d)
        with open(os.path.join(d, "labels.jsonl"), "w", encoding="utf-8") as f:
            for name, data, lab in items:
                with open(os.path.join(d, name), "wb") as m:
                    m.write(data)
                f.write(json.dumps(lab, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------- transport noise

RELAYS = {
    "google": ("mail-{h}.google.com", "209.85.{a}.{b}", "with SMTP id {id}"),
    "outlook": ("{H}.outbound.protection.outlook.com", "40.107.{a}.{b}", "(version=TLS1_2, cipher=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384) with ESMTPS id 15.20.{n}"),
    "postfix": ("mail.{dom}", "198.51.100.{b}", "(Postfix) with ESMTPS id {ID}"),
    "exim": ("smtp.{dom}", "203.0.113.{b}", "with esmtps (Exim 4.96) (envelope-from <{sender}>) id {EX}"),
    "ms": ("mx.{dom}", "192.0.2.{b}", "(Microsoft SMTP Server, TLS) id 15.2.{n}"),
}


def received_chain(seed, sender_dom, sender, rcpt, date, provider="postfix", hops=2):
    """A plausible Received: chain, newest first, ending at our MX."""
    r = int(h(seed, 6), 16)
    lines = []
    t = date + dt.timedelta(seconds=2 + r % 9)
    host_tmpl, ip_tmpl, with_tmpl = RELAYS[provider]
    fill = dict(h=h(seed, 4), H=h(seed, 10).upper(), a=r % 200 + 20, b=r % 250 + 2, dom=sender_dom,
                id=h(seed + "i", 14), ID=h(seed + "I", 11).upper(), n="%d.%d" % (r % 9000, r % 97),
                EX="1t" + h(seed, 4) + "-00" + h(seed + "e", 4) + "-Qz", sender=sender)
    host = host_tmpl.format(**fill)
    ip = ip_tmpl.format(**fill)
    lines.append(("Received", "from %s (%s [%s])\n\tby mx1.%s (Postfix) with ESMTPS id %s\n\tfor <%s>; %s"
                  % (host, host, ip, OUR, h(seed + "mx", 10).upper(), rcpt, rfcdate(t.astimezone(tz(0))))))
    if hops > 1:
        inner = date + dt.timedelta(seconds=1)
        lines.append(("Received", "from [10.%d.%d.%d] (unknown [10.%d.%d.%d])\n\tby %s %s;\n\t%s"
                      % (r % 200, r % 50, r % 30 + 1, r % 200, r % 50, r % 30 + 1, host,
                         with_tmpl.format(**fill), rfcdate(inner))))
    return lines


def dkim(seed, dom):
    return ("DKIM-Signature", "v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=s%s;\n\th=from:to:subject:date:message-id; bh=%s=;\n\tb=%s"
            % (dom, h(seed, 4), base64.b64encode(bytes.fromhex(h(seed + "bh", 40))).decode()[:43],
               base64.b64encode(bytes.fromhex(h(seed + "b", 40) * 3)).decode()))


# ---------------------------------------------------------------- people

REPS = {
    "en": ("Anna Keller", "anna"), "en2": ("Tom Rivera", "tom"), "de": ("Lukas Brandt", "lukas"),
    "fr": ("Claire Dubois", "claire"), "es": ("Sofía Navarro", "sofia"), "nl": ("Daan Visser", "daan"),
    "pt": ("Inês Carvalho", "ines"), "it": ("Marco Ferri", "marco"),
}

# (first, last, address) — fictional people at fictional companies
PEOPLE = {
    "en": [("Rachel", "Moore", "rachel.moore@northwind-freight.example"), ("David", "Chen", "dchen@example.com"),
           ("Priya", "Raman", "priya@brightpath.example"), ("James", "O'Neill", "james.oneill@harbourbank.example"),
           ("Megan", "Price", "megan.price@example.org"), ("Oliver", "Grant", "ogrant@tallow-systems.example"),
           ("Sarah", "Whitfield", "s.whitfield@example.net"), ("Marcus", "Bell", "marcus@bellandhart.example"),
           ("Hannah", "Kowalski", "hannah.k@lumenworks.example"), ("Ethan", "Brooks", "ethan.brooks@quarrylane.example"),
           ("Grace", "Lin", "grace.lin@example.com"), ("Tom", "Hargreaves", "tom.h@pinecrest-dental.example"),
           ("Laura", "Simmons", "lsimmons@riverbend-health.example"), ("Kevin", "Doyle", "kevin.doyle@example.org"),
           ("Aisha", "Bello", "aisha.bello@cobaltlabs.example"), ("Ryan", "Foster", "rfoster@example.net")],
    "de": [("Katrin", "Vogel", "k.vogel@brandt-logistik.example"), ("Jens", "Hoffmann", "jens.hoffmann@example.de.example"),
           ("Sabine", "Krüger", "sabine.krueger@nordlicht-energie.example"), ("Florian", "Weber", "f.weber@weber-maschinenbau.example"),
           ("Miriam", "Schäfer", "miriam.schaefer@example.org"), ("Tobias", "Lange", "tobias.lange@alpenblick-software.example"),
           ("Andrea", "Fuchs", "a.fuchs@fuchs-partner.example")],
    "fr": [("Camille", "Lefèvre", "camille.lefevre@atelier-morel.example"), ("Julien", "Bernard", "j.bernard@example.fr.example"),
           ("Élodie", "Rousseau", "elodie.rousseau@vinsdelaloire.example"), ("Nicolas", "Garnier", "nicolas.garnier@example.net"),
           ("Sophie", "Martin", "sophie.martin@cabinet-arnaud.example"), ("Thomas", "Petit", "t.petit@lumiere-conseil.example")],
    "es": [("Lucía", "Fernández", "lucia.fernandez@grupo-iberica.example"), ("Javier", "Ruiz", "jruiz@example.es.example"),
           ("Carmen", "López", "carmen.lopez@olivares-export.example"), ("Diego", "Moreno", "diego.moreno@example.com"),
           ("Marta", "Sánchez", "marta.sanchez@soluciones-alba.example"), ("Pablo", "Gil", "pgil@mediterranea-tech.example")],
    "nl": [("Sanne", "de Vries", "sanne.devries@polderdata.example"), ("Bram", "Jansen", "bram@jansen-bouw.example"),
           ("Lotte", "Bakker", "lotte.bakker@example.nl.example"), ("Joost", "van Dijk", "j.vandijk@grachtlogistiek.example"),
           ("Eva", "Smit", "eva.smit@example.org"), ("Ruben", "Mulder", "ruben.mulder@tulpsoft.example")],
    "pt": [("João", "Ferreira", "joao.ferreira@atlantico-seguros.example"), ("Ana", "Costa", "ana.costa@example.pt.example"),
           ("Rafael", "Oliveira", "rafael.oliveira@vidanova-saude.example"), ("Beatriz", "Santos", "bia.santos@example.com"),
           ("Tiago", "Rodrigues", "tiago.r@portomar.example"), ("Mariana", "Almeida", "mariana.almeida@cafesul.example")],
    "it": [("Giulia", "Romano", "giulia.romano@tessuti-como.example"), ("Luca", "Bianchi", "l.bianchi@example.it.example"),
           ("Francesca", "Colombo", "francesca.colombo@studio-colombo.example"), ("Matteo", "Ricci", "matteo.ricci@example.net"),
           ("Chiara", "Marino", "chiara.marino@veneta-impianti.example"), ("Alessandro", "Greco", "a.greco@grecofood.example")],
}
_next_person = {}


def person(lang):
    """Next contact of that language, cycling so the same name does not appear twice in a row."""
    pool = PEOPLE[lang if lang in PEOPLE else "en"]
    i = _next_person.get(lang, 0)
    _next_person[lang] = i + 1
    first, last, email = pool[i % len(pool)]
    return first, last, email


def rep_for(lang, alt=False):
    key = "en2" if (lang == "en" and alt) else (lang if lang in REPS else "en")
    name, local = REPS[key]
    return name, "%s@%s" % (local, OUR)


# ---------------------------------------------------------------- our outbound emails (quoted in replies, embedded in bounces)

PITCHES = {
    "en": [
        ("Quick question about {company}'s lead routing",
         "Hi {first},\n\nI noticed {company} is hiring two more SDRs this quarter. Teams that grow that fast usually\nfind that half their inbound replies sit unread for a day because nobody knows whose they are.\n\nLeadfwd reads the shared inbox and routes every reply, bounce and out-of-office to the right rep\nwithin a minute. Would a 15-minute look next week be useful?\n\nBest,\n{rep}"),
        ("Stop losing replies between tools",
         "Hi {first},\n\nMost sales teams we talk to run three tools and still miss replies that land in the wrong inbox.\nWe built Leadfwd to fix exactly that: one place that reads every mailbox and keeps each contact's\nstatus up to date.\n\nWorth a short call? I can show you on your own data.\n\nThanks,\n{rep}"),
        ("Remove the guesswork from your Q1 pipeline",
         "Hello {first},\n\nWhen a prospect goes quiet, is it because they are on holiday, left the company, or just not\ninterested? Leadfwd tells you which, automatically, from the replies you already get.\n\nHappy to send over a two-minute video if that's easier than a call.\n\nCheers,\n{rep}"),
        ("{company} + Leadfwd",
         "Hi {first},\n\nFollowing up on my note from last week. We just helped a logistics firm your size cut their bounce\nrate by 40% simply by cleaning dead addresses out of live sequences.\n\nAny interest in seeing how?\n\n{rep}"),
    ],
    "de": [
        ("Kurze Frage zu Ihrem Vertriebspostfach",
         "Hallo {first},\n\nviele Vertriebsteams verlieren Antworten, weil sie im Sammelpostfach untergehen. Leadfwd liest Ihre\nPostfächer mit und ordnet jede Antwort, jede Abwesenheitsnotiz und jeden Unzustellbar-Bericht automatisch\nzu.\n\nHätten Sie nächste Woche 15 Minuten für eine kurze Vorstellung?\n\nViele Grüße\n{rep}"),
        ("Weniger Bounces, sauberere Kontaktdaten",
         "Guten Tag {first},\n\nwussten Sie, dass im Schnitt jede zwölfte Adresse in einer Outbound-Sequenz nicht mehr existiert?\nLeadfwd erkennt das sofort und nimmt solche Kontakte aus laufenden Sequenzen.\n\nSoll ich Ihnen eine kurze Demo schicken?\n\nBeste Grüße\n{rep}"),
    ],
    "fr": [
        ("Une question sur vos relances commerciales",
         "Bonjour {first},\n\nBeaucoup d'équipes commerciales perdent des réponses de prospects dans des boîtes partagées.\nLeadfwd lit vos boîtes mail et classe automatiquement chaque réponse, absence et message non remis.\n\nAuriez-vous 15 minutes la semaine prochaine pour en parler ?\n\nBien à vous,\n{rep}"),
        ("Des contacts à jour sans effort",
         "Bonjour {first},\n\nJe me permets de revenir vers vous : Leadfwd met à jour le statut de chaque contact dès qu'il répond,\nqu'il est absent ou que son adresse n'existe plus.\n\nUne courte démo vous intéresserait-elle ?\n\nCordialement,\n{rep}"),
    ],
    "es": [
        ("Una pregunta sobre vuestro equipo comercial",
         "Hola {first}:\n\nMuchos equipos de ventas pierden respuestas de clientes en buzones compartidos. Leadfwd lee tus\nbuzones y clasifica automáticamente cada respuesta, ausencia y rebote.\n\n¿Tendrías 15 minutos la semana que viene para verlo?\n\nUn saludo,\n{rep}"),
        ("Menos rebotes, más conversaciones",
         "Hola {first}:\n\nTe escribo de nuevo porque creo que Leadfwd encaja con {company}: detecta direcciones que ya no\nexisten y saca esos contactos de las secuencias activas.\n\n¿Te envío un vídeo de dos minutos?\n\nSaludos,\n{rep}"),
    ],
    "nl": [
        ("Korte vraag over jullie salesinbox",
         "Hoi {first},\n\nVeel salesteams missen antwoorden van prospects omdat ze in een gedeelde inbox verdwijnen. Leadfwd\nleest je mailboxen mee en sorteert elk antwoord, elke afwezigheidsmelding en elke bounce automatisch.\n\nHeb je volgende week 15 minuten voor een korte demo?\n\nGroet,\n{rep}"),
        ("Schonere contactgegevens voor {company}",
         "Beste {first},\n\nIk kom even terug op mijn vorige bericht. Leadfwd haalt ongeldige adressen automatisch uit lopende\nsequenties, zodat je team geen tijd meer verspilt aan bounces.\n\nZal ik een korte video sturen?\n\nMet vriendelijke groet,\n{rep}"),
    ],
    "pt": [
        ("Uma pergunta sobre a vossa equipa comercial",
         "Olá {first},\n\nMuitas equipas comerciais perdem respostas de clientes em caixas partilhadas. O Leadfwd lê as vossas\ncaixas de correio e classifica automaticamente cada resposta, ausência e devolução.\n\nTeria 15 minutos na próxima semana para uma demonstração?\n\nCumprimentos,\n{rep}"),
        ("Menos devoluções, mais conversas",
         "Olá {first},\n\nVolto a escrever porque acho que o Leadfwd faz sentido para a {company}: deteta endereços que já não\nexistem e retira esses contactos das sequências ativas.\n\nPosso enviar um vídeo de dois minutos?\n\nAbraço,\n{rep}"),
    ],
    "it": [
        ("Una domanda sul vostro team commerciale",
         "Buongiorno {first},\n\nmolti team commerciali perdono le risposte dei clienti nelle caselle condivise. Leadfwd legge le vostre\ncaselle e classifica automaticamente ogni risposta, assenza e mancato recapito.\n\nAvrebbe 15 minuti la prossima settimana per una breve demo?\n\nCordiali saluti,\n{rep}"),
        ("Meno rimbalzi, più conversazioni",
         "Ciao {first},\n\nti riscrivo perché credo che Leadfwd possa servire a {company}: riconosce gli indirizzi che non esistono\npiù e li toglie dalle sequenze attive.\n\nTi mando un video di due minuti?\n\nUn saluto,\n{rep}"),
    ],
}

FOOTERS = {
    "en": "--\nLeadfwd Demo Ltd, 12 Harbour Street, Bristol BS1 4RN\nNot the right time? Unsubscribe: https://{our}/u/{tok}",
    "de": "--\nLeadfwd Demo GmbH, Hafenstraße 12, 20457 Hamburg\nSie möchten keine E-Mails mehr von uns? Abmelden: https://{our}/u/{tok}",
    "fr": "--\nLeadfwd Demo SAS, 12 quai de la Loire, 75019 Paris\nVous ne souhaitez plus recevoir nos e-mails ? Se désinscrire : https://{our}/u/{tok}",
    "es": "--\nLeadfwd Demo S.L., Calle del Puerto 12, 08039 Barcelona\n¿No quieres recibir más correos? Darse de baja: https://{our}/u/{tok}",
    "nl": "--\nLeadfwd Demo B.V., Havenstraat 12, 1013 AB Amsterdam\nGeen e-mails meer ontvangen? Uitschrijven: https://{our}/u/{tok}",
    "pt": "--\nLeadfwd Demo, Lda., Rua do Porto 12, 1200-001 Lisboa\nNão quer receber mais e-mails? Cancelar subscrição: https://{our}/u/{tok}",
    "it": "--\nLeadfwd Demo S.r.l., Via del Porto 12, 20121 Milano\nNon vuoi più ricevere le nostre email? Annulla l'iscrizione: https://{our}/u/{tok}",
}


def company_of(email):
    d = domain_of(email).split(".")[0]
    if d == "example":
        return "Example"
    return " ".join(w.capitalize() for w in d.split("-"))


FIXED_OUTBOUND = {}
KNOWN = {}           # address -> (first, last, address) when the sample mailbox knows the contact's name


class Outbound:
    """One step of a sequence email we sent; replies quote it and bounces embed it."""

    def __init__(self, lang, contact, date, pitch=None, rep_alt=False):
        plang = lang if lang in PITCHES else "en"
        first, last, email = contact
        self.lang = plang
        seed = email + str(date)
        idx = pitch if pitch is not None else int(h(seed, 4), 16) % len(PITCHES[plang])
        subj, body = PITCHES[plang][idx]
        self.rep_name, self.rep_email = rep_for(plang, rep_alt)
        company = company_of(email)
        self.subject = subj.format(company=company, first=first)
        self.tok = h(seed + "tok", 10)
        self.body = body.format(first=first, company=company, rep=self.rep_name.split()[0])
        self.footer = FOOTERS[plang].format(our=OUR, tok=self.tok)
        self.text = self.body + "\n\n" + self.footer
        self.date = date
        self.step = 1 + int(h(seed, 2), 16) % 3
        self.message_id = "seq-step%d-%s@%s" % (self.step, h(seed + "m", 8), OUR)
        if email in FIXED_OUTBOUND:      # the sample mailbox answers the emails listed in samples/outbound.jsonl
            self.message_id, self.date = FIXED_OUTBOUND[email]
            self.step = 1
        self.to_name = ("%s %s" % (first, last)).strip()
        self.to_email = email

    def headers(self):
        return [
            ("Return-Path", "<bounces+%s@%s>" % (self.tok, OUR)),
            ("Date", rfcdate(self.date)),
            ("From", addr(self.rep_name, self.rep_email)),
            ("To", ", ".join([addr(self.to_name, self.to_email)] + [addr(n, e) for n, e in getattr(self, "extra_to", [])])),
            ("Subject", enc_words(self.subject)),
            ("Message-ID", "<%s>" % self.message_id),
            ("List-Unsubscribe", "<mailto:unsubscribe+%s@%s>, <https://%s/u/%s>" % (self.tok, OUR, OUR, self.tok)),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("X-Leadfwd-Sequence", "Q4 Outreach; step=%d" % self.step),
        ]

    def as_bytes(self):
        cte = "quoted-printable" if any(ord(c) > 127 for c in self.text) else "7bit"
        return message(self.headers(), Part("text/plain", self.text, "utf-8", cte), self.message_id)

    def header_bytes(self):
        return self.as_bytes().split(b"\n\n", 1)[0] + b"\n"


# ---------------------------------------------------------------- quoting as each client and language does it

DAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "pt": "segunda-feira terça-feira quarta-feira quinta-feira sexta-feira sábado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
}
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
}
DAYS = {k: v.split() for k, v in DAYS.items()}
MONTHS = {k: v.split() for k, v in MONTHS.items()}


def on_wrote(lang, d, name, email):
    """The one-line attribution a mail client writes above a quote."""
    wd, mo = d.weekday(), d.month - 1
    hm = d.strftime("%H:%M")
    en_time = d.strftime("%I:%M %p").lstrip("0")
    if lang == "en":
        return "On %s, %s %d, %d at %s %s <%s> wrote:" % (DAYS["en"][wd][:3], MONTHS["en"][mo][:3], d.day, d.year, en_time, name, email)
    if lang == "en-apple":
        return "On %s %d, %d, at %s, %s <%s> wrote:" % (MONTHS["en"][mo][:3], d.day, d.year, d.strftime("%H:%M"), name, email)
    if lang == "de":
        return "Am %s., %d. %s. %d um %s Uhr schrieb %s <%s>:" % (DAYS["de"][wd][:2], d.day, MONTHS["de"][mo][:3], d.year, hm, name, email)
    if lang == "fr":
        return "Le %s. %d %s. %d à %s, %s <%s> a écrit :" % (DAYS["fr"][wd][:3], d.day, MONTHS["fr"][mo][:4].rstrip("."), d.year, hm, name, email)
    if lang == "es":
        return "El %s, %d %s %d a las %s, %s (<%s>) escribió:" % (DAYS["es"][wd][:3], d.day, MONTHS["es"][mo][:3], d.year, d.strftime("%-H:%M"), name, email)
    if lang == "nl":
        return "Op %s %d %s %d om %s schreef %s <%s>:" % (DAYS["nl"][wd][:2], d.day, MONTHS["nl"][mo][:3], d.year, hm, name, email)
    if lang == "pt":
        return "Em %s., %d de %s. de %d às %s, %s <%s> escreveu:" % (DAYS["pt"][wd][:3], d.day, MONTHS["pt"][mo][:3], d.year, hm, name, email)
    if lang == "it":
        return "Il giorno %s %d %s %d alle ore %s %s <%s> ha scritto:" % (DAYS["it"][wd][:3], d.day, MONTHS["it"][mo][:3], d.year, hm, name, email)
    if lang == "sv":
        return "Den %s %d %s. %d kl %s skrev %s <%s>:" % ("mån tis ons tors fre lör sön".split()[wd], d.day, "jan feb mars apr maj juni juli aug sep okt nov dec".split()[mo], d.year, hm, name, email)
    if lang == "da":
        return "Den %s. %d. %s. %d kl. %s skrev %s <%s>:" % ("man tir ons tor fre lør søn".split()[wd], d.day, "jan feb mar apr maj jun jul aug sep okt nov dec".split()[mo], d.year, d.strftime("%H.%M"), name, email)
    if lang == "pl":
        return "W dniu %d.%02d.%d o %s, %s <%s> pisze:" % (d.day, d.month, d.year, hm, name, email) if d.day % 2 else \
            "W dniu %s, %d %s %d o %s %s <%s> napisał(a):" % ("pon. wt. śr. czw. pt. sob. niedz.".split()[wd], d.day, "sty lut mar kwi maj cze lip sie wrz paź lis gru".split()[mo], d.year, hm, name, email)
    if lang == "ru":
        return "%s, %d %s %d г. в %s, %s <%s>:" % ("пн вт ср чт пт сб вс".split()[wd], d.day, "янв. февр. мар. апр. мая июн. июл. авг. сент. окт. нояб. дек.".split()[mo], d.year, hm, name, email) if d.day % 2 else \
            "%02d.%02d.%d %s, %s пишет:" % (d.day, d.month, d.year, hm, name)
    if lang == "zh":
        return "在 %d年%d月%d日 %s，%s <%s> 写道：" % (d.year, d.month, d.day, hm, name, email)
    if lang == "ja":
        return "%d年%d月%d日(%s) %s %s <%s>:" % (d.year, d.month, d.day, "月火水木金土日"[wd], d.strftime("%-H:%M"), name, email)
    if lang == "fi":
        return "%s %d.%d.%d klo %s %s (%s) kirjoitti:" % ("ma ti ke to pe la su".split()[wd], d.day, d.month, d.year, d.strftime("%-H.%M"), name, email)
    if lang == "cs":
        return "Dne %s %d. %d. %d %s uživatel %s <%s> napsal:" % ("po út st čt pá so ne".split()[wd], d.day, d.month, d.year, d.strftime("%-H:%M"), name, email)
    if lang == "tr":
        return "%s <%s>, %d %s %d %s, %s tarihinde şunu yazdı:" % (name, email, d.day, "Oca Şub Mar Nis May Haz Tem Ağu Eyl Eki Kas Ara".split()[mo], d.year, "Pzt Sal Çar Per Cum Cmt Paz".split()[wd], hm)
    raise KeyError(lang)


OUTLOOK_LABELS = {
    "en": ("From", "Sent", "To", "Subject", "-----Original Message-----"),
    "de": ("Von", "Gesendet", "An", "Betreff", "-----Ursprüngliche Nachricht-----"),
    "fr": ("De", "Envoyé", "À", "Objet", "-----Message d'origine-----"),
    "es": ("De", "Enviado el", "Para", "Asunto", "-----Mensaje original-----"),
    "nl": ("Van", "Verzonden", "Aan", "Onderwerp", "-----Oorspronkelijk bericht-----"),
    "pt": ("De", "Enviada em", "Para", "Assunto", "-----Mensagem original-----"),
    "it": ("Da", "Inviato", "A", "Oggetto", "-----Messaggio originale-----"),
}


def outlook_date(lang, d):
    wd, mo = d.weekday(), d.month - 1
    if lang == "en":
        return "%s, %s %d, %d %s" % (DAYS["en"][wd], MONTHS["en"][mo], d.day, d.year, d.strftime("%I:%M %p").lstrip("0"))
    if lang == "de":
        return "%s, %d. %s %d %s" % (DAYS["de"][wd], d.day, MONTHS["de"][mo], d.year, d.strftime("%H:%M"))
    if lang in ("es", "pt"):
        return "%s, %d de %s de %d %s" % (DAYS[lang][wd], d.day, MONTHS[lang][mo], d.year, d.strftime("%H:%M"))
    return "%s %d %s %d %s" % (DAYS[lang][wd], d.day, MONTHS[lang][mo], d.year, d.strftime("%H:%M"))


def outlook_block(lang, ob, sep="line"):
    """Outlook's header block above the unquoted original. sep: 'line' (underscores) or 'orig' (-----Original-----)."""
    f, s, t, sub, orig = OUTLOOK_LABELS[lang]
    colon = " :" if lang == "fr" else ":"
    first = "________________________________" if sep == "line" else orig
    return "\n".join([first,
                      "%s%s %s <%s>" % (f, colon, ob.rep_name, ob.rep_email),
                      "%s%s %s" % (s, colon, outlook_date(lang, ob.date)),
                      "%s%s %s <%s>" % (t, colon, ob.to_name, ob.to_email),
                      "%s%s %s" % (sub, colon, ob.subject)])


def gt(text):
    return "\n".join(("> " + l) if l else ">" for l in text.split("\n"))


MOBILE = {
    "en": "Sent from my iPhone", "en-android": "Sent from Outlook for Android", "en-ios": "Get Outlook for iOS",
    "de": "Von meinem iPhone gesendet", "fr": "Envoyé de mon iPhone", "es": "Enviado desde mi iPhone",
    "nl": "Verstuurd vanaf mijn iPhone", "pt": "Enviado do meu iPhone", "it": "Inviato da iPhone",
    "samsung": "Sent from my Galaxy", "de-android": "Gesendet von Outlook für Android",
}

RE_PREFIX = {"en": "Re: ", "de": "AW: ", "fr": "RE : ", "es": "RE: ", "nl": "Re: ", "pt": "RES: ", "it": "R: ",
             "sv": "SV: ", "da": "SV: ", "pl": "Odp: ", "ru": "Re: ", "zh": "回复：", "ja": "Re: ", "fi": "VS: ",
             "cs": "Re: ", "tr": "Ynt: "}


# ---------------------------------------------------------------- clocks

class Clock:
    def __init__(self, start):
        self.t = start
        self.n = 0

    def next(self, offset_hours):
        self.n += 1
        step = 1 + (int(h("clk%d" % self.n, 4), 16) % 9)   # 1..9 hours
        self.t = self.t + dt.timedelta(hours=step, minutes=int(h("m%d" % self.n, 2), 16) % 60)
        return self.t.astimezone(tz(offset_hours))


CLOCK = Clock(dt.datetime(2026, 9, 28, 8, 0, tzinfo=tz(0)))
TZ = {"en": -5, "de": 1, "fr": 1, "es": 1, "nl": 1, "pt": 0, "it": 1, "sv": 1, "da": 1, "pl": 1, "ru": 3, "zh": 8,
      "ja": 9, "fi": 2, "cs": 1, "tr": 3}


# ---------------------------------------------------------------- HTML layouts of the common clients

import html as _html


def esc(s):
    return _html.escape(s, quote=False)


def paras_html(text, tag="div"):
    out = []
    for p in text.split("\n\n"):
        out.append("<%s>%s</%s>" % (tag, "<br>\n".join(esc(l) for l in p.split("\n")), tag))
    return ("<%s><br></%s>\n" % (tag, tag)).join(x + "\n" for x in out)


def html_reply(client, lang, new, ob, sig=None, mobile=None):
    orig = paras_html(ob.text)
    tail = ""
    if sig:
        tail += '<div><br></div><div>-- <br>%s</div>\n' % "<br>".join(esc(l) for l in sig.split("\n"))
    if mobile:
        tail += "<div><br></div><div>%s</div>\n" % esc(MOBILE[mobile])
    qlang = lang if lang in OUTLOOK_LABELS else "en"
    if client == "gmail":
        return ('<div dir="ltr">%s%s</div><br>\n<div class="gmail_quote"><div dir="ltr" class="gmail_attr">%s<br></div>'
                '<blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">\n'
                '%s</blockquote></div>\n' % (paras_html(new), tail, esc(on_wrote(lang, ob.date, ob.rep_name, ob.rep_email)), orig))
    if client == "outlook":
        f, s, t, sub, _ = OUTLOOK_LABELS[qlang]
        return ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
                '<style type="text/css" style="display:none;"> P {margin-top:0;margin-bottom:0;} </style>\n</head>\n'
                '<body dir="ltr">\n<div style="font-family: Aptos, Calibri, Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);">\n'
                '%s%s</div>\n<div id="appendonsend"></div>\n<hr style="display:inline-block;width:98%%" tabindex="-1">\n'
                '<div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">'
                '<b>%s:</b> %s &lt;%s&gt;<br>\n<b>%s:</b> %s<br>\n<b>%s:</b> %s &lt;%s&gt;<br>\n<b>%s:</b> %s</font>\n<div>&nbsp;</div>\n</div>\n'
                '<div>\n%s</div>\n</body>\n</html>\n'
                % (paras_html(new), tail, f, esc(ob.rep_name), ob.rep_email, s, outlook_date(qlang, ob.date), t, esc(ob.to_name),
                   ob.to_email, sub, esc(ob.subject), orig))
    if client == "apple":
        return ('<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head>'
                '<body dir="auto">%s%s<div><br><blockquote type="cite">%s<br><br></blockquote></div>'
                '<blockquote type="cite"><div dir="ltr">%s</div></blockquote></body></html>\n'
                % (paras_html(new), tail, esc(on_wrote("en-apple" if lang == "en" else lang, ob.date, ob.rep_name, ob.rep_email)), orig))
    if client == "thunderbird":
        return ('<!DOCTYPE html>\n<html>\n  <head>\n    <meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n  </head>\n'
                '  <body>\n%s%s    <div class="moz-cite-prefix">%s<br>\n    </div>\n'
                '    <blockquote type="cite" cite="mid:%s">\n%s    </blockquote>\n  </body>\n</html>\n'
                % (paras_html(new, "p"), tail, esc(on_wrote(lang, ob.date, ob.rep_name, ob.rep_email)), ob.message_id, orig))
    if client == "yahoo":
        return ('<html><head></head><body><div class="ydp%s yahoo-style-wrap" style="font-family:Helvetica Neue, Helvetica, Arial, sans-serif;font-size:13px;">'
                '%s%s</div><div><br></div><div id="yahoo_quoted_%s" class="yahoo_quoted">\n'
                '<div style="font-family:\'Helvetica Neue\', Helvetica, Arial, sans-serif;font-size:13px;color:#26282a;">\n'
                '<div>%s</div><div><br></div><div><br></div>\n<div><div dir="ltr">%s</div></div></div></div></body></html>\n'
                % (h(new, 8), paras_html(new), tail, h(new + "y", 10),
                   esc(on_wrote(lang, ob.date, ob.rep_name, ob.rep_email)), orig))
    if client == "outlook-mac":
        f, s_, t, sub, _ = OUTLOOK_LABELS[qlang]
        return ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n</head>\n<body>\n'
                '<div style="font-family:Aptos,sans-serif;font-size:12pt">\n%s%s</div>\n<div><br></div>\n<span id="OLK_SRC_BODY_SECTION">'
                '<div style="font-family:Aptos; font-size:12pt; text-align:left; color:black; BORDER-BOTTOM: medium none; BORDER-LEFT: medium none; '
                'PADDING-BOTTOM: 0in; PADDING-LEFT: 0in; PADDING-RIGHT: 0in; BORDER-TOP: #b5c4df 1pt solid; BORDER-RIGHT: medium none; PADDING-TOP: 3pt">'
                '<span style="font-weight:bold">%s: </span>%s &lt;%s&gt;<br>\n<span style="font-weight:bold">%s: </span>%s<br>\n'
                '<span style="font-weight:bold">%s: </span>%s &lt;%s&gt;<br>\n<span style="font-weight:bold">%s: </span>%s<br>\n</div>\n'
                '<div><br></div>\n%s</span>\n</body>\n</html>\n'
                % (paras_html(new), tail, f, esc(ob.rep_name), ob.rep_email, "Date" if qlang == "en" else s_, outlook_date(qlang, ob.date),
                   t, esc(ob.to_name), ob.to_email, sub, esc(ob.subject), orig))
    if client == "word":
        f, s, t, sub, _ = OUTLOOK_LABELS[qlang]
        colon = " :" if qlang == "fr" else ":"
        return ('<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
                'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" '
                'xmlns="http://www.w3.org/TR/REC-html40">\n<head><meta name=Generator content="Microsoft Word 15 (filtered medium)">\n'
                '<style><!--\np.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm;font-size:11.0pt;font-family:"Calibri",sans-serif;}\n'
                '@page WordSection1 {size:612.0pt 792.0pt;margin:70.85pt 70.85pt 2.0cm 70.85pt;}\ndiv.WordSection1 {page:WordSection1;}\n--></style>\n'
                '</head>\n<body lang=%s link="#0563C1" vlink="#954F72" style=\'word-wrap:break-word\'>\n<div class=WordSection1>\n'
                '%s%s<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n<div><div style=\'border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm\'>\n'
                '<p class=MsoNormal><b>%s%s</b> %s &lt;%s&gt; <br><b>%s%s</b> %s<br><b>%s%s</b> %s &lt;%s&gt;<br><b>%s%s</b> %s<o:p></o:p></p>\n'
                '</div></div>\n<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n%s</div>\n</body>\n</html>\n'
                % (qlang.upper(), paras_html(new, "p class=MsoNormal").replace("</p class=MsoNormal>", "</p>"), tail,
                   f, colon, esc(ob.rep_name), ob.rep_email, s, colon, outlook_date(qlang, ob.date), t, colon, esc(ob.to_name), ob.to_email,
                   sub, colon, esc(ob.subject), paras_html(ob.text, "p class=MsoNormal").replace("</p class=MsoNormal>", "</p>")))
    raise KeyError(client)


PROVIDER_OF_CLIENT = {"gmail": "google", "outlook": "outlook", "word": "outlook", "outlook-mac": "outlook", "apple": "postfix",
                      "thunderbird": "exim", "yahoo": "postfix"}

MAILER = {"gmail": None, "outlook": None, "outlook-mac": "Microsoft Outlook for Mac 16.90", "word": "Microsoft Outlook 16.0", "apple": "Apple Mail (2.3826.300.87.4.3)",
          "thunderbird": "Mozilla Thunderbird", "yahoo": "WebService/1.1.22806 YMailNorrin"}


def signer(lang, new, sig):
    """The pool person whose first name signs the text, so that names and addresses agree."""
    tail = (new.split("\n")[-2:] + (sig or "").split("\n")[:1])
    words = set(w.strip(",.") for line in tail for w in line.split())
    for first, last, email in PEOPLE.get(lang, []):
        if first in words:
            return first, last, email
    return None


# ---------------------------------------------------------------- a person's reply (also opt-outs and traps)

def reply(folder, name, lang, new, kind="reply", contact=None, quote="gt", qlang=None, sig=None, mobile=None,
          html=None, alt=False, charset="utf-8", cte=None, style="lf", subject=None, label=None, headers=(),
          date=None, pitch=None, quote_text=None, pre_quote=None, reply_text=None, to=None, sender=None):
    contact = contact or signer(lang, new, sig) or person(lang if lang in PEOPLE else "en")
    first, last, email = contact
    qlang = qlang or lang
    date = date or CLOCK.next(TZ.get(lang, 0))
    sent = (date - dt.timedelta(days=1 + int(h(email + name, 2), 16) % 6)).replace(hour=8 + int(h(name, 2), 16) % 9,
                                                                              minute=int(h(name + "m", 2), 16) % 60)
    ob = Outbound(lang, contact, sent, pitch=pitch)   # our sequence email went out in office hours, days before
    seed = folder + name
    names = dict(first=first, full="%s %s" % (first, last), rep=ob.rep_name.split()[0], replast=ob.rep_name.split()[-1],
                 domain=domain_of(email))
    new = new.format(**names)
    sig = sig.format(**names) if sig else sig
    subj = subject.replace("{subj}", ob.subject) if subject is not None else RE_PREFIX.get(lang, "Re: ") + ob.subject
    if cte is None:
        cte = "quoted-printable" if any(ord(c) > 127 for c in new) else "7bit"
    # plain-text body
    body = new
    if sig:
        body += "\n\n-- \n" + sig
    if mobile:
        body += "\n\n" + MOBILE[mobile]
    if quote == "gt":
        body += "\n\n" + on_wrote(qlang, ob.date, ob.rep_name, ob.rep_email) + "\n\n" + gt(ob.text) + "\n"
    elif quote == "gt-tight":
        body += "\n" + on_wrote(qlang, ob.date, ob.rep_name, ob.rep_email) + "\n" + gt(ob.text) + "\n"
    elif quote in ("outlook", "orig"):
        body += "\n\n" + outlook_block(qlang, ob, "line" if quote == "outlook" else "orig") + "\n\n" + ob.text + "\n"
    elif quote == "bottom":   # new text written under the quote
        body = on_wrote(qlang, ob.date, ob.rep_name, ob.rep_email) + "\n" + gt(ob.text) + "\n\n" + body + "\n"
    elif quote == "custom":
        d = ob.date
        body += "\n\n" + quote_text.format(**{"gt": gt(ob.text), "text": ob.text, "subject": ob.subject,
                                               "rep_name": ob.rep_name, "rep_email": ob.rep_email, "y": d.year,
                                               "mo": d.month, "d": d.day, "H": d.hour, "M": "%02d" % d.minute,
                                               "h12": d.hour % 12 or 12, "wd": d.weekday()}) + "\n"
    else:
        body += "\n"
    if pre_quote:
        body = pre_quote + body
    if html:
        markup = html_reply(html, qlang, new, ob, sig, mobile)
        hcte = "quoted-printable" if html != "yahoo" else "base64"
        hpart = Part("text/html", markup, charset, hcte)
        part = Part("multipart/alternative", children=[Part("text/plain", body, charset, cte), hpart]) if alt else hpart
    else:
        part = Part("text/plain", body, charset, cte)
    if sender:                           # someone else answers for the contact (assistant, alias)
        first, last, email = sender
    provider = PROVIDER_OF_CLIENT.get(html, ["google", "outlook", "postfix", "exim", "ms"][int(h(email, 2), 16) % 5])
    hdrs = received_chain(seed, domain_of(email), email, to or ob.rep_email, date, provider)
    if provider == "google":
        hdrs.append(dkim(seed, domain_of(email)))
    hdrs += [("Date", rfcdate(date)),
             ("From", addr("%s %s" % (first, last), email, charset)),
             ("To", addr(ob.rep_name, to or ob.rep_email, charset)),
             ("Subject", enc_words(subj, charset if charset not in ("us-ascii",) else "utf-8")),
             ("Message-ID", mid(seed, domain_of(email) if provider != "google" else "mail.gmail.com")),
             ("In-Reply-To", "<%s>" % ob.message_id),
             ("References", "<%s>" % ob.message_id)]
    if MAILER.get(html):
        hdrs.append(("X-Mailer" if html != "thunderbird" else "User-Agent", MAILER[html]))
    if provider == "outlook":
        hdrs += [("Thread-Topic", enc_words(ob.subject)), ("Thread-Index", base64.b64encode(bytes.fromhex(h(seed, 32))).decode()),
                 ("X-MS-Has-Attach", ""), ("X-MS-TNEF-Correlator", "")]
    hdrs += list(headers)
    lab = {"kind": kind, "contact": email}
    if kind == "reply":
        lab["reply_text"] = reply_text if reply_text is not None else new
    if label:
        lab.update(label)
    emit(folder, name, message(hdrs, part, seed), lab, style, lang)
    return ob


# ---------------------------------------------------------------- an automatic reply

def autoreply(folder, name, lang, subject, text, auto_headers, date, return_date=None, reason=None, contact=None,
              charset="utf-8", cte=None, style="lf", html=False, from_addr=None, label=None, pitch=None):
    contact = contact or signer(lang, text, None) or person(lang if lang in PEOPLE else "en")
    first, last, email = contact
    ob = Outbound(lang, contact, date - dt.timedelta(minutes=1 + int(h(email + name, 2), 16) % 50), pitch=pitch)
    seed = folder + name
    subj = subject.format(subj=ob.subject)
    if cte is None:
        cte = "quoted-printable" if any(ord(c) > 127 for c in text) else "7bit"
    part = Part("text/plain", text + "\n", charset, cte)
    if html:
        part = Part("multipart/alternative", children=[part, Part("text/html", "<html><body>" + paras_html(text) + "</body></html>\n", charset, cte)])
    provider = ["outlook", "google", "postfix", "exim", "ms"][int(h(email, 2), 16) % 5]
    if any(k.startswith("X-MS-") for k, _ in auto_headers):
        provider = "outlook"
    elif any(k == "X-Apple-Action" for k, _ in auto_headers):
        provider = "postfix"
    sender = from_addr or addr("%s %s" % (first, last), email, charset)
    hdrs = received_chain(seed, domain_of(email), email, ob.rep_email, date, provider)
    hdrs += [("Date", rfcdate(date)), ("From", sender), ("To", addr(ob.rep_name, ob.rep_email, charset)),
             ("Subject", enc_words(subj, charset)), ("Message-ID", mid(seed, domain_of(email))),
             ("In-Reply-To", "<%s>" % ob.message_id), ("References", "<%s>" % ob.message_id)]
    hdrs += [(k, v.replace("{email}", email)) for k, v in auto_headers]
    lab = {"kind": "auto_reply", "contact": email}
    if return_date:
        lab["return_date"] = return_date
    if reason:
        lab["reason"] = reason
    if label:
        lab.update(label)
    emit(folder, name, message(hdrs, part, seed), lab, style, lang)


AUTO = [("Auto-Submitted", "auto-replied")]
OUTLOOK_OOO = [("Auto-Submitted", "auto-generated"), ("X-Auto-Response-Suppress", "All"),
               ("X-MS-Exchange-Inbox-Rules-Loop", "{email}"), ("X-MS-Exchange-Organization-AutoReplyState", "OOF")]


# ================================================================ replies/
def replies():
    F = "replies"
    # --- English, plain text, many quote styles
    reply(F, "en-gmail-plain-positive.eml", "en", "Hi {rep},\n\nGood timing actually. We're rebuilding our SDR process in January. Thursday 2pm GMT works for me.\n\nRachel")
    reply(F, "en-pricing-question.eml", "en", "What does this cost for a team of 8? And do you integrate with HubSpot or only Salesforce?\n\nDavid", quote="outlook", sig="David Chen\nHead of Sales Ops\n+1 (415) 555-0143")
    reply(F, "en-mobile-short.eml", "en", "Sure, send me the video.", mobile="en", quote="gt-tight")
    reply(F, "en-original-message-block.eml", "en", "Hi {rep},\n\nForwarded this to our RevOps lead, she'll be in touch if it fits.\n\nRegards,\nJames", quote="orig", sig="James O'Neill | Harbour Bank\nThis email and any attachments are confidential.")
    reply(F, "en-outlook-android.eml", "en", "Can we push to next Wednesday? Something came up.", mobile="en-android", quote="outlook", style="crlf")
    reply(F, "en-bottom-posted.eml", "en", "Yes - we looked at a similar tool last year. Happy to compare notes.\nMegan", quote="bottom")
    reply(F, "en-long-positive.eml", "en", "Hi {rep},\n\nThanks for reaching out. A bit of context: we have four people working a shared inbox and\nthey spend the first hour of each day sorting bounces from real replies. If Leadfwd does what you\ndescribe, that alone would be worth it.\n\nTwo questions before we book anything:\n1. Does it work with Google Workspace shared drives/delegated mailboxes?\n2. Where is the data stored?\n\nIf the answers are sensible, let's do a call on the 3rd.\n\nBest,\nOliver Grant", sig="Oliver Grant\nVP Sales, Tallow Systems")
    reply(F, "en-iphone-typo.eml", "en", "Sounds good. call me tmrw after 10? 555 0199", mobile="en", quote="gt")
    reply(F, "en-question-gdpr.eml", "en", "Hello,\n\nBefore we go further: how did you get my address, and are you GDPR compliant?\n\nSarah Whitfield", quote="orig")
    reply(F, "en-samsung.eml", "en", "Interesting. I'm travelling this week but let's talk Monday.", mobile="samsung", quote="gt-tight")
    # --- English HTML-only and alternative, one per client layout
    reply(F, "en-html-gmail.eml", "en", "Hi {rep},\n\nYes, let's do it. I've added my colleague Priya who runs our outbound team.\n\nMarcus", html="gmail")
    reply(F, "en-html-outlook.eml", "en", "Hi {rep},\n\nPlease send over a proposal for 12 seats, annual billing.\n\nKind regards,\nHannah", html="outlook")
    reply(F, "en-html-apple.eml", "en", "Love this. Can you do Friday at 11?", html="apple", mobile="en")
    reply(F, "en-html-thunderbird.eml", "en", "Hello {rep},\n\nWe are already evaluating two vendors, but I am happy to add you to the list.\nCould you send a security overview first?\n\nEthan", html="thunderbird")
    reply(F, "en-html-yahoo.eml", "en", "ok what time works for you", html="yahoo")
    reply(F, "en-html-word.eml", "en", "Hi {rep},\n\nThank you, that was helpful. Our procurement team needs a W-9 and your standard DPA.\n\nBest regards,\nLaura Simmons", html="word", alt=True)
    reply(F, "en-html-gmail-alt-sig.eml", "en", "Send me the deck and I'll take a look this weekend.\n\nKevin", html="gmail", alt=True, sig="Kevin Doyle\nDirector, Partnerships")

    reply(F, "en-html-outlook-mac.eml", "en", "Hi {rep},\n\nThanks. I've looped in our CFO; we'll come back to you after the board meeting on the 12th.\n\nBest,\n{first}", html="outlook-mac")
    reply(F, "de-html-outlook-mac.eml", "de", "Hallo Herr {replast},\n\nklingt interessant. Können Sie mir ein Angebot für 15 Lizenzen schicken?\n\nBeste Grüße\n{full}", html="outlook-mac", alt=True)
    reply(F, "en-forwarded-to-colleague.eml", "en", "Ben, this is the inbox tool I mentioned. Worth a call with {rep}?\n{rep}, Ben runs our sales ops team.\n\n{first}",
          quote="custom", subject="Fwd: {subj}", quote_text="---------- Forwarded message ---------\nFrom: Anna Keller <anna@leadfwd-demo.com>\nSubject: {subject}\n\n{text}",
          headers=[("Cc", "Ben Adler <ben.adler@northwind-freight.example>")], contact=("Rachel", "Moore", "rachel.moore@northwind-freight.example"))
    reply(F, "fr-transfere-collegue.eml", "fr", "Bonjour {rep},\n\nJe transfère à Thomas, qui s'occupe de nos outils commerciaux. Il vous recontactera.\n\n{first}",
          quote="custom", subject="TR : {subj}", quote_text="-------- Message transféré --------\nSujet : {subject}\nDe : Claire Dubois <claire@leadfwd-demo.com>\n\n{text}",
          headers=[("Cc", "Thomas Girard <t.girard@cabinet-arnaud.example>")], contact=("Sophie", "Martin", "sophie.martin@cabinet-arnaud.example"), style="cr")
    # --- German
    reply(F, "de-gmail-plain.eml", "de", "Hallo Herr {replast},\n\ndanke für die Nachricht. Das Thema ist bei uns tatsächlich aktuell. Passt Ihnen Dienstag um 10 Uhr?\n\nViele Grüße\nKatrin Vogel", charset="iso-8859-1", cte="quoted-printable")
    reply(F, "de-outlook-block.eml", "de", "Guten Morgen,\n\nbitte schicken Sie mir vorab eine Preisübersicht, dann bespreche ich das intern.\n\nMit freundlichen Grüßen\nJens Hoffmann", quote="outlook", sig="Jens Hoffmann\nLeiter Vertrieb\nTel. +49 40 555 0123", charset="windows-1252", cte="quoted-printable")
    reply(F, "de-urspruengliche-nachricht.eml", "de", "Hallo,\n\nich habe Ihre Mail an unseren Geschäftsführer weitergeleitet. Er meldet sich, falls Interesse besteht.\n\nGruß\nSabine Krüger", quote="orig", charset="iso-8859-15", cte="8bit", style="cr")
    reply(F, "de-iphone.eml", "de", "Klingt gut, rufen Sie mich morgen an.", mobile="de", quote="gt-tight")
    reply(F, "de-html-word.eml", "de", "Hallo Herr {replast},\n\nwir würden gern einen Testzugang für zwei Wochen bekommen. Geht das?\n\nBeste Grüße\nFlorian Weber", html="word")
    reply(F, "de-html-gmail.eml", "de", "Hallo {rep},\n\nja, gerne. Ich habe nächste Woche Mittwoch und Donnerstag Zeit.\n\nLG Miriam", html="gmail")
    # --- French
    reply(F, "fr-plain-positive.eml", "fr", "Bonjour {rep},\n\nMerci pour votre message. Oui, je veux bien une démo, plutôt jeudi après-midi.\n\nBonne journée,\nCamille", charset="iso-8859-1", cte="quoted-printable")
    reply(F, "fr-outlook-block.eml", "fr", "Bonjour,\n\nPourriez-vous m'envoyer une plaquette et vos tarifs ? Je transmettrai à notre direction commerciale.\n\nCordialement,\nJulien Bernard", quote="outlook", sig="Julien Bernard\nResponsable des achats")
    reply(F, "fr-iphone.eml", "fr", "Ok pour mardi 15h.", mobile="fr", quote="gt-tight", style="crlf")
    reply(F, "fr-html-thunderbird.eml", "fr", "Bonjour {rep},\n\nNous utilisons déjà un outil similaire mais le contrat se termine en mars. Recontactons-nous début février ?\n\nÉlodie", html="thunderbird")
    reply(F, "fr-html-outlook.eml", "fr", "Bonjour,\n\nJe suis intéressé. Pouvez-vous me proposer deux créneaux la semaine prochaine ?\n\nNicolas Garnier", html="outlook", charset="windows-1252")
    reply(F, "fr-message-d-origine.eml", "fr", "Bonjour {rep},\n\nC'est noté, je vous rappelle demain matin.\n\nSophie", quote="orig", charset="iso-8859-15", cte="8bit")
    # --- Spanish
    reply(F, "es-plain-positive.eml", "es", "Hola {rep}:\n\nMe interesa. ¿Podemos hablar el miércoles a las 11?\n\nUn saludo,\nLucía", charset="iso-8859-1", cte="quoted-printable")
    reply(F, "es-outlook-block.eml", "es", "Buenas tardes,\n\n¿Tenéis integración con Pipedrive? Si es así, me gustaría ver una demo.\n\nSaludos cordiales,\nJavier Ruiz", quote="outlook", sig="Javier Ruiz\nDirector Comercial")
    reply(F, "es-iphone.eml", "es", "Perfecto, mándame el vídeo.", mobile="es", quote="gt-tight", style="cr")
    reply(F, "es-html-gmail.eml", "es", "Hola,\n\nGracias por escribir. Ahora mismo estamos cerrando presupuesto, pero envíame más información y la reviso.\n\nCarmen", html="gmail")
    reply(F, "es-mensaje-original.eml", "es", "Hola {rep},\n\nTe paso el contacto de nuestra jefa de ventas, que es quien decide: marta.sanchez@soluciones-alba.example\n\nGracias,\nDiego", quote="orig", charset="windows-1252", cte="8bit")
    # --- Dutch
    reply(F, "nl-plain-positive.eml", "nl", "Hoi {rep},\n\nLeuk dat je contact opneemt. Donderdag om 14:00 uur past mij goed.\n\nGroetjes,\nSanne")
    reply(F, "nl-outlook-block.eml", "nl", "Goedemiddag,\n\nKunt u mij een offerte sturen voor vijf gebruikers?\n\nMet vriendelijke groet,\nBram Jansen", quote="outlook", sig="Bram Jansen\nJansen Bouw B.V.", charset="iso-8859-1", cte="quoted-printable")
    reply(F, "nl-iphone.eml", "nl", "Prima, bel me maandag maar.", mobile="nl", quote="gt-tight")
    reply(F, "nl-html-apple.eml", "nl", "Hoi {rep},\n\nIk heb je bericht doorgestuurd naar onze salesmanager. Zij neemt contact op.\n\nLotte", html="apple")
    reply(F, "nl-oorspronkelijk-bericht.eml", "nl", "Dag {rep},\n\nWe zijn tevreden met ons huidige systeem, maar ik wil wel eens een demo zien.\n\nJoost", quote="orig", style="crlf")
    # --- Portuguese
    reply(F, "pt-plain-positive.eml", "pt", "Olá {rep},\n\nObrigado pelo contacto. Pode ser na terça-feira às 15h?\n\nCumprimentos,\nJoão Ferreira", charset="iso-8859-1", cte="quoted-printable")
    reply(F, "pt-outlook-block.eml", "pt", "Bom dia,\n\nPode enviar-me uma proposta com os preços para dez utilizadores?\n\nObrigada,\nAna Costa", quote="outlook")
    reply(F, "pt-iphone.eml", "pt", "Combinado, falamos amanhã.", mobile="pt", quote="gt-tight")
    reply(F, "pt-html-gmail.eml", "pt", "Olá {rep},\n\nTenho interesse, mas só a partir de janeiro. Envie-me o vídeo e eu vejo com calma.\n\nAbraço,\nRafael", html="gmail")
    reply(F, "pt-mensagem-original.eml", "pt", "Olá,\n\nReencaminhei para o nosso diretor comercial.\n\nBeatriz Santos", quote="orig", charset="windows-1252", cte="8bit", style="cr")
    # --- Italian
    reply(F, "it-plain-positive.eml", "it", "Buongiorno {rep},\n\ngrazie per il messaggio. Mi interessa, possiamo sentirci giovedì alle 10?\n\nCordiali saluti,\nGiulia Romano", charset="iso-8859-15", cte="quoted-printable")
    reply(F, "it-outlook-block.eml", "it", "Salve,\n\nmi può mandare un preventivo per otto utenti?\n\nGrazie,\nLuca Bianchi", quote="outlook", sig="Luca Bianchi\nResponsabile commerciale")
    reply(F, "it-iphone.eml", "it", "Va bene, ci sentiamo lunedì.", mobile="it", quote="gt-tight")
    reply(F, "it-html-yahoo.eml", "it", "Ciao {rep},\n\nok per la demo, mandami un invito per martedì pomeriggio.\n\nFrancesca", html="yahoo")
    reply(F, "it-messaggio-originale.eml", "it", "Buonasera,\n\nho girato la sua email al nostro direttore vendite.\n\nMatteo Ricci", quote="orig", style="crlf")
    # --- other languages' quote headers (content in that language, Latin scripts)
    sv = ("Ingrid", "Lindqvist", "ingrid.lindqvist@fjordtech.example")
    reply(F, "sv-den-skrev.eml", "sv", "Hej {rep},\n\nTack för mejlet. Vi kan gärna ta ett kort samtal på fredag.\n\nMed vänliga hälsningar\nIngrid", contact=sv, charset="iso-8859-1", cte="quoted-printable")
    da = ("Mads", "Kristensen", "mads@nordhavn-shipping.example")
    reply(F, "da-den-skrev.eml", "da", "Hej {rep},\n\nDet lyder spændende. Send gerne en præsentation.\n\nVenlig hilsen\nMads", contact=da)
    fi = ("Aino", "Virtanen", "aino.virtanen@example.fi.example")
    reply(F, "fi-kirjoitti.eml", "fi", "Hei {rep},\n\nKiitos viestistä. Torstai sopii minulle hyvin.\n\nTerveisin\nAino", contact=fi, charset="iso-8859-15", cte="8bit")
    cs = ("Petr", "Dvořák", "petr.dvorak@brnosoft.example")
    reply(F, "cs-napsal.eml", "cs", "Dobrý den,\n\nděkuji za zprávu. Pošlete mi prosím ceník.\n\nS pozdravem\nPetr Dvořák", contact=cs, charset="iso-8859-2", cte="quoted-printable")
    tr = ("Elif", "Yılmaz", "elif.yilmaz@bosphorus-lojistik.example")
    reply(F, "tr-yazdi.eml", "tr", "Merhaba {rep},\n\nİlginiz için teşekkürler. Gelecek hafta bir görüşme ayarlayabiliriz.\n\nSaygılarımla,\nElif", contact=tr)

    # Attributions without the usual opening word or without a verb, the original below them left unquoted.
    ja = ("Haruto", "Yamamoto", "h.yamamoto@sakura-logistics.example")
    reply(F, "ja-gmail-no-verb.eml", "ja", "{rep}様\n\nご連絡ありがとうございます。来週火曜日の午後でしたらお打ち合わせ可能です。\n\n山本",
          contact=ja, quote="custom", date=dt.datetime(2026, 11, 24, 10, 5, tzinfo=tz(9)),
          quote_text="{y}年{mo}月{d}日 {H}:{M} {rep_name} <{rep_email}>:\n\n{text}")
    ru = ("Dmitry", "Sokolov", "d.sokolov@volga-trade.example")
    reply(F, "ru-gmail-no-verb.eml", "ru", "Здравствуйте, {rep}!\n\nСпасибо за письмо. Давайте созвонимся в четверг в 15:00 по Москве.\n\nС уважением,\nДмитрий",
          contact=ru, quote="custom", date=dt.datetime(2026, 11, 24, 11, 40, tzinfo=tz(3)), charset="koi8-r", cte="8bit",
          quote_text="{d} нояб. {y} г. в {H}:{M}, {rep_name} <{rep_email}>:\n\n{text}")
    ko = ("Minjun", "Kim", "minjun.kim@hangang-soft.example")
    reply(F, "ko-gmail-jakseong.eml", "ko", "{rep}님 안녕하세요,\n\n자료 잘 받았습니다. 다음 주 수요일 오후에 통화 가능합니다.\n\n감사합니다.\n김민준",
          contact=ko, quote="custom", date=dt.datetime(2026, 11, 24, 16, 20, tzinfo=tz(9)),
          quote_text="{y}년 {mo}월 {d}일 오전 {h12}:{M}, {rep_name} <{rep_email}>님이 작성:\n\n{text}")
    de_formal = ("Gerhard", "Baumann", "g.baumann@baumann-stahlbau.example")
    reply(F, "de-schrieben-sie.eml", "de", "Sehr geehrter Herr {replast},\n\nvielen Dank für Ihre Nachricht. Bitte senden Sie mir Unterlagen zu den Preisen.\n\nMit freundlichen Grüßen\nGerhard Baumann",
          contact=de_formal, quote="custom", date=dt.datetime(2026, 11, 24, 9, 12, tzinfo=tz(1)), charset="iso-8859-1", cte="quoted-printable",
          quote_text="Am {d:02d}.{mo:02d}.{y} um {H}:{M} schrieben Sie:\n\n{text}")
    en_old = ("Walter", "Hughes", "whughes@hughes-insurance.example")
    reply(F, "en-at-you-wrote.eml", "en", "{rep},\n\nNot before January. Call my office then and we'll see.\n\nWalt",
          contact=en_old, quote="custom", date=dt.datetime(2026, 11, 24, 13, 2, tzinfo=tz(-6)), style="crlf",
          quote_text="At {h12}:{M} AM {mo}/{d}/{y}, you wrote:\n{text}")
    # Taken off the copy line: the thread is handed over, the person is not asking to stop being contacted.
    reply(F, "en-off-the-cc.eml", "en", "Hi {rep},\n\nplease remove me from the CC on this thread, Priya Nair runs procurement now and owns this. Priya, over to you.\n\nBest,\nTom",
          contact=("Tom", "Becker", "tom.becker@harbor-logistics.example"), quote="outlook",
          date=dt.datetime(2026, 11, 25, 9, 41, tzinfo=tz(-5)))
    reply(F, "de-aus-dem-cc.eml", "de", "Hallo {rep},\n\nbitte nehmen Sie mich aus dem CC, Frau Kessler übernimmt das Thema ab sofort.\n\nViele Grüße\nJonas Brandt",
          contact=("Jonas", "Brandt", "j.brandt@brandt-maschinenbau.example"), quote="gt",
          date=dt.datetime(2026, 11, 25, 16, 8, tzinfo=tz(1)))


# ================================================================ auto-replies/
def auto_replies():
    F = "auto-replies"
    # --- English
    autoreply(F, "en-outlook-ooo.eml", "en", "Automatic reply: {subj}",
              "Thank you for your email. I'm out of the office until Monday, November 23 with limited access to email.\n\nFor anything urgent please contact our support desk at support@northwind-freight.example.\n\nRachel",
              OUTLOOK_OOO, when("2026-11-16 09:02", -5), return_date="2026-11-23")
    autoreply(F, "en-gmail-vacation-parental.eml", "en", "Out of office",
              "Hi there,\n\nThanks for your note. I'm on parental leave and will be back on 4 January 2027.\nIn the meantime, Kevin (kevin.doyle@example.org) is covering my accounts.\n\nBest,\nDavid",
              AUTO + [("Precedence", "bulk")], when("2026-11-20 14:31", -8), return_date="2027-01-04")
    autoreply(F, "en-x-autoreply-conference.eml", "en", "Auto: {subj}",
              "I'm at a conference Nov 10-12 and checking email only in the evenings. I'll get back to you when I'm back in the office on Friday.",
              [("X-Autoreply", "yes")], when("2026-11-10 07:45", -5), return_date="2026-11-13")
    autoreply(F, "en-precedence-us-date.eml", "en", "Out of Office: {subj}",
              "I am on annual leave, returning 12/07/2026. Your message has not been forwarded.",
              [("Precedence", "auto_reply"), ("X-Autorespond", "Out of Office")], when("2026-11-25 11:12", -6), return_date="2026-12-07", style="crlf")
    autoreply(F, "en-icloud-vacation.eml", "en", "On vacation",
              "Hi! I'm on vacation without email until November 30th. I'll reply when I'm back.\n\nMegan",
              [("X-Apple-Action", "vacation")], when("2026-11-19 18:03", -8), return_date="2026-11-30")
    autoreply(F, "en-travelling-no-date.eml", "en", "Re: {subj}",
              "Hello,\n\nI'm travelling with limited connectivity this week and will reply as soon as I can.\n\nThanks for your patience,\nOliver",
              AUTO, when("2026-10-14 03:20", 0))
    autoreply(F, "en-helpdesk-ticket-ack.eml", "en", "[Ticket #48213] {subj}",
              "Thank you for contacting Riverbend Health. This is an automated response to confirm that we have\nreceived your message. A member of our team will respond within two business days.\n\nYour ticket number is 48213. Please keep it in the subject line of any reply.",
              AUTO + [("X-Autoreply", "true"), ("Precedence", "bulk")], when("2026-10-21 16:40", -5),
              from_addr="Riverbend Health Support <help@riverbend-health.example>", contact=("Riverbend", "Support", "help@riverbend-health.example"))
    autoreply(F, "en-iso-date.eml", "en", "Automatic reply: {subj}",
              "I am out of the office and will be back on 2026-12-02. I will respond to your message then.",
              OUTLOOK_OOO, when("2026-11-24 08:15", 0), return_date="2026-12-02", style="cr")
    autoreply(F, "en-back-next-monday.eml", "en", "Out of office: {subj}",
              "Hi,\n\nI'm off for the rest of the week and back next Monday. Talk then!\n\nGrace",
              AUTO, when("2026-11-18 10:00", -8), return_date="2026-11-23")
    autoreply(F, "en-year-rollover.eml", "en", "Automatic reply: {subj}",
              "Thanks for your message. Our office is closed for the holidays and I'm out until January 6.\nI'll read your email when I'm back.",
              OUTLOOK_OOO, when("2026-11-26 17:50", -5), return_date="2027-01-06", html=True)
    autoreply(F, "en-outlook-range.eml", "en", "Automatic reply: {subj}",
              "I am out of the office from Thursday 19 November through Tuesday 24 November with no access to email.\nIf your message is urgent, please call the office on +44 117 555 0100.",
              OUTLOOK_OOO, when("2026-11-19 08:00", 0), return_date="2026-11-24")
    autoreply(F, "en-left-company.eml", "en", "Automatic reply: {subj}",
              "Please note that Priya no longer works at BrightPath. This mailbox is no longer monitored.\n\nFor sales enquiries please contact hello@brightpath.example.",
              OUTLOOK_OOO, when("2026-11-03 12:00", 0), reason="left_company", contact=("Priya", "Raman", "priya@brightpath.example"))
    autoreply(F, "en-left-company-no-forward.eml", "en", "I have left Harbour Bank",
              "Hello,\n\nI left Harbour Bank on 31 October and this address will be closed shortly. Your email has not\nbeen forwarded. For anything related to payments please write to corporate@harbourbank.example.\n\nThank you,\nJames",
              AUTO, when("2026-11-09 09:30", 0), reason="left_company", contact=("James", "O'Neill", "james.oneill@harbourbank.example"))
    autoreply(F, "en-maternity-far-date.eml", "en", "Out of Office: {subj}",
              "Thank you for your email. I am on maternity leave until 1 June 2027 and will not be checking email.\nPlease contact marcus@bellandhart.example for anything urgent.",
              [("X-Autoreply", "yes"), ("Auto-Submitted", "auto-replied")], when("2026-11-12 13:13", 0), return_date="2027-06-01",
              contact=("Hannah", "Kowalski", "hannah.k@lumenworks.example"))
    # --- German
    autoreply(F, "de-outlook-automatische-antwort.eml", "de", "Automatische Antwort: {subj}",
              "Vielen Dank für Ihre Nachricht.\n\nIch bin bis einschließlich 27.11.2026 nicht im Büro und habe keinen Zugriff auf meine E-Mails.\nIn dringenden Fällen wenden Sie sich bitte an vertrieb@brandt-logistik.example.\n\nMit freundlichen Grüßen\nKatrin Vogel",
              OUTLOOK_OOO, when("2026-11-20 08:41", 1), return_date="2026-11-27", charset="iso-8859-1", cte="quoted-printable")
    autoreply(F, "de-abwesenheitsnotiz.eml", "de", "Abwesenheitsnotiz: {subj}",
              "Guten Tag,\n\nich bin ab dem 30. November wieder erreichbar. Ihre E-Mail wird nicht weitergeleitet.\n\nJens Hoffmann",
              AUTO, when("2026-11-23 10:05", 1), return_date="2026-11-30", charset="iso-8859-15", cte="8bit", style="cr")
    autoreply(F, "de-urlaub-montag.eml", "de", "Abwesend: {subj}",
              "Hallo,\n\ndanke für Ihre E-Mail. Ich bin im Urlaub und ab Montag, den 7. Dezember wieder im Büro.\nIhre Nachricht wird bis dahin nicht gelesen.\n\nSabine Krüger",
              [("X-Autoreply", "yes"), ("Precedence", "auto_reply")], when("2026-11-25 15:20", 1), return_date="2026-12-07")
    autoreply(F, "de-nicht-mehr-im-unternehmen.eml", "de", "Automatische Antwort: {subj}",
              "Sehr geehrte Damen und Herren,\n\nFrau Schäfer ist nicht mehr in unserem Unternehmen tätig. Dieses Postfach wird nicht mehr abgerufen.\nBitte wenden Sie sich an info@example.org.\n\nMit freundlichen Grüßen",
              OUTLOOK_OOO, when("2026-10-29 09:00", 1), reason="left_company", contact=("Miriam", "Schäfer", "miriam.schaefer@example.org"),
              charset="windows-1252", cte="quoted-printable")
    autoreply(F, "de-dienstreise-ohne-datum.eml", "de", "Re: {subj}",
              "Ich bin derzeit auf Dienstreise und lese meine E-Mails nur unregelmäßig. Ich melde mich so bald wie möglich.\n\nTobias Lange",
              [("X-Autoreply", "yes"), ("Auto-Submitted", "auto-replied")], when("2026-10-19 07:12", 1))
    # --- French
    autoreply(F, "fr-reponse-automatique.eml", "fr", "Réponse automatique : {subj}",
              "Bonjour,\n\nJe suis absente du bureau jusqu'au 30 novembre inclus. Pour toute demande urgente, merci de contacter\naccueil@atelier-morel.example.\n\nCordialement,\nCamille Lefèvre",
              OUTLOOK_OOO, when("2026-11-23 09:00", 1), return_date="2026-11-30", charset="iso-8859-1", cte="quoted-printable")
    autoreply(F, "fr-absence-de-retour.eml", "fr", "Absence du bureau",
              "Bonjour,\n\nMerci pour votre message. Je serai de retour le lundi 7 décembre 2026 et vous répondrai dès que possible.\n\nJulien Bernard",
              [("Precedence", "auto_reply"), ("Auto-Submitted", "auto-replied")], when("2026-11-26 11:30", 1), return_date="2026-12-07", style="crlf")
    autoreply(F, "fr-absent-date-courte.eml", "fr", "Absent : {subj}",
              "Je suis en congés, retour le 02/12. Votre message sera traité à mon retour.",
              [("X-Autoreply", "yes")], when("2026-11-21 18:40", 1), return_date="2026-12-02", charset="windows-1252", cte="8bit")
    autoreply(F, "fr-ne-fait-plus-partie.eml", "fr", "Réponse automatique : {subj}",
              "Bonjour,\n\nÉlodie Rousseau ne fait plus partie de la société Vins de la Loire. Cette adresse n'est plus consultée.\nMerci d'adresser vos demandes à contact@vinsdelaloire.example.",
              OUTLOOK_OOO, when("2026-11-02 08:00", 1), reason="left_company", contact=("Élodie", "Rousseau", "elodie.rousseau@vinsdelaloire.example"))
    autoreply(F, "fr-deplacement-sans-date.eml", "fr", "Réponse automatique : {subj}",
              "Bonjour,\n\nJe suis actuellement en déplacement avec un accès limité à mes e-mails. Je vous répondrai dès que possible.\n\nNicolas",
              AUTO, when("2026-10-15 14:14", 1), contact=("Nicolas", "Garnier", "nicolas.garnier@example.net"))
    # --- Spanish
    autoreply(F, "es-respuesta-automatica.eml", "es", "Respuesta automática: {subj}",
              "Gracias por tu mensaje. Estaré fuera de la oficina hasta el 9 de diciembre sin acceso al correo.\nPara temas urgentes, escribe a ventas@grupo-iberica.example.\n\nLucía Fernández",
              OUTLOOK_OOO, when("2026-11-24 10:10", 1), return_date="2026-12-09", charset="iso-8859-1", cte="quoted-printable")
    autoreply(F, "es-fuera-volvere-lunes.eml", "es", "Fuera de la oficina",
              "Hola,\n\nEstoy de viaje. Volveré el lunes 30 de noviembre y contestaré tu correo entonces.\n\nSaludos,\nJavier",
              [("Auto-Submitted", "auto-replied"), ("X-Autoreply", "yes")], when("2026-11-24 19:02", 1), return_date="2026-11-30", style="cr")
    autoreply(F, "es-ya-no-trabaja.eml", "es", "Respuesta automática: {subj}",
              "Carmen López ya no trabaja en Olivares Export. Este buzón no se revisa.\nPor favor, contacte con info@olivares-export.example.",
              OUTLOOK_OOO, when("2026-11-05 12:30", 1), reason="left_company", contact=("Carmen", "López", "carmen.lopez@olivares-export.example"))
    autoreply(F, "es-vacaciones-fecha-numerica.eml", "es", "Re: {subj}",
              "Estoy de vacaciones hasta el 04/12/2026. Responderé a mi vuelta.\n\nMarta Sánchez",
              [("Precedence", "auto_reply")], when("2026-11-19 08:08", 1), return_date="2026-12-04", charset="windows-1252", cte="8bit")
    # --- Dutch
    autoreply(F, "nl-automatisch-antwoord.eml", "nl", "Automatisch antwoord: {subj}",
              "Bedankt voor je bericht. Ik ben tot en met 4 december afwezig en lees mijn e-mail niet.\nVoor dringende zaken kun je terecht bij info@polderdata.example.\n\nSanne de Vries",
              OUTLOOK_OOO, when("2026-11-20 09:45", 1), return_date="2026-12-04")
    autoreply(F, "nl-afwezig-maandag.eml", "nl", "Afwezig: {subj}",
              "Hallo,\n\nVanaf maandag 30 november ben ik weer bereikbaar. Tot die tijd worden e-mails niet doorgestuurd.\n\nBram",
              AUTO, when("2026-11-25 16:00", 1), return_date="2026-11-30", charset="iso-8859-1", cte="quoted-printable", style="crlf")
    autoreply(F, "nl-werkt-niet-meer.eml", "nl", "Automatisch antwoord: {subj}",
              "Lotte Bakker werkt niet meer bij ons. Deze mailbox wordt niet meer gelezen. Neem contact op met\nsales@example.nl.example.",
              OUTLOOK_OOO, when("2026-11-11 10:00", 1), reason="left_company", contact=("Lotte", "Bakker", "lotte.bakker@example.nl.example"))
    autoreply(F, "nl-beperkt-bereikbaar.eml", "nl", "Re: {subj}",
              "Ik heb deze week beperkt toegang tot mijn e-mail. Ik reageer zo snel mogelijk.\n\nJoost",
              [("X-Autorespond", "yes")], when("2026-10-12 08:20", 1))
    # --- Portuguese
    autoreply(F, "pt-resposta-automatica.eml", "pt", "Resposta automática: {subj}",
              "Obrigado pelo seu e-mail. Estarei ausente até 10/12/2026, sem acesso ao correio eletrónico.\nPara assuntos urgentes contacte geral@atlantico-seguros.example.\n\nJoão Ferreira",
              OUTLOOK_OOO, when("2026-11-23 09:00", 0), return_date="2026-12-10", charset="iso-8859-1", cte="quoted-printable")
    autoreply(F, "pt-regresso.eml", "pt", "Ausência temporária",
              "Olá,\n\nEstou fora do escritório. Regresso no dia 1 de dezembro e responderei assim que possível.\n\nAna Costa",
              [("Auto-Submitted", "auto-replied")], when("2026-11-24 14:45", 0), return_date="2026-12-01", style="cr")
    autoreply(F, "pt-ja-nao-faz-parte.eml", "pt", "Resposta automática: {subj}",
              "Rafael Oliveira já não faz parte da equipa da Vida Nova Saúde. Este endereço deixou de ser monitorizado.\nPor favor contacte comercial@vidanova-saude.example.",
              OUTLOOK_OOO, when("2026-11-06 11:00", 0), reason="left_company", contact=("Rafael", "Oliveira", "rafael.oliveira@vidanova-saude.example"))
    autoreply(F, "pt-br-ferias.eml", "pt", "Resposta automática: {subj}",
              "Olá! Estou de férias e retorno em 14 de dezembro. Responderei sua mensagem assim que voltar.\n\nAbraços,\nBeatriz",
              [("X-Autoreply", "yes"), ("Precedence", "auto_reply")], when("2026-11-26 10:30", -3), return_date="2026-12-14",
              contact=("Beatriz", "Santos", "bia.santos@example.com"))
    # --- Italian
    autoreply(F, "it-risposta-automatica.eml", "it", "Risposta automatica: {subj}",
              "Grazie per la sua email. Sarò fuori ufficio fino al 7 dicembre con accesso limitato alla posta.\nPer urgenze scrivere a info@tessuti-como.example.\n\nGiulia Romano",
              OUTLOOK_OOO, when("2026-11-25 09:30", 1), return_date="2026-12-07", charset="iso-8859-15", cte="quoted-printable")
    autoreply(F, "it-fuori-sede-rientro.eml", "it", "Fuori sede",
              "Buongiorno,\n\nsono fuori sede. Rientrerò in ufficio lunedì 30 novembre e le risponderò al più presto.\n\nLuca Bianchi",
              AUTO, when("2026-11-24 10:00", 1), return_date="2026-11-30", style="crlf")
    autoreply(F, "it-non-lavora-piu.eml", "it", "Risposta automatica: {subj}",
              "Gentile mittente,\n\nFrancesca Colombo non lavora più presso lo Studio Colombo. Questa casella non è più presidiata.\nPer informazioni scrivere a segreteria@studio-colombo.example.",
              OUTLOOK_OOO, when("2026-11-04 08:30", 1), reason="left_company", contact=("Francesca", "Colombo", "francesca.colombo@studio-colombo.example"))
    autoreply(F, "it-ferie-range.eml", "it", "Assente: {subj}",
              "Sono assente per ferie dal 20/11 al 27/11. Risponderò al mio rientro.\n\nMatteo Ricci",
              [("X-Autoreply", "yes")], when("2026-11-20 07:00", 1), return_date="2026-11-27", charset="windows-1252", cte="8bit")
    # Responders that send a plain "Re:" with no automatic-reply header: the text alone tells them.
    autoreply(F, "en-headerless-ooo.eml", "en", "Re: {subj}",
              "Thank you for your message.\n\nI am currently out of the office until Monday, December 7, with no access to email.\nFor urgent matters please contact Kevin Doyle at kevin.doyle@example.org.\n\nRegards,\nLaura Simmons",
              [], when("2026-11-30 06:12", -5), return_date="2026-12-07",
              contact=("Laura", "Simmons", "lsimmons@riverbend-health.example"))
    autoreply(F, "de-headerless-left-company.eml", "de", "AW: {subj}",
              "Guten Tag,\n\nFrau Vogel hat das Unternehmen verlassen. Bitte wenden Sie sich an vertrieb@brandt-logistik.example.\n\nMit freundlichen Grüßen\nBrandt Logistik GmbH",
              [], when("2026-11-30 08:45", 1), reason="left_company",
              contact=("Katrin", "Vogel", "k.vogel@brandt-logistik.example"))



# ---------------------------------------------------------------- bounces: one renderer per MTA family

def R(address, status, reason, hard, diag, action="failed", remote=None):
    return dict(addr=address, status=status, reason=reason, hard=hard, diag=diag, action=action,
                remote=remote or "mx1." + domain_of(address))


def contact_from(address):
    local = address.split("@")[0]
    bits = [b for b in local.replace("_", ".").replace("-", ".").split(".") if b]
    first = bits[0].capitalize() if bits else local
    last = " ".join(b.capitalize() for b in bits[1:])
    return first, last, address


def dsn(reporting, rcpts, arrival, extra=(), seed=""):
    lines = ["Reporting-MTA: dns; %s" % reporting]
    lines += ["%s: %s" % kv for kv in extra]
    lines.append("Arrival-Date: %s" % rfcdate(arrival))
    for r in rcpts:
        lines.append("")
        lines.append("Final-Recipient: rfc822; %s" % r["addr"])
        if "orig" not in r:
            lines.append("Original-Recipient: rfc822;%s" % r["addr"])
        lines.append("Action: %s" % r["action"])
        lines.append("Status: %s" % r["status"])
        if r.get("remote"):
            lines.append("Remote-MTA: dns; %s" % r["remote"])
        diag = r["diag"]
        lines.append("Diagnostic-Code: smtp; %s" % diag)
        if r["action"] == "delayed":
            lines.append("Will-Retry-Until: %s" % rfcdate(arrival + dt.timedelta(days=5)))
        lines.append("Last-Attempt-Date: %s" % rfcdate(arrival + dt.timedelta(minutes=3)))
    return Part("message/delivery-status", raw=("\n".join(lines) + "\n").encode())


def original(ob, how):
    if how == "rfc822":
        return Part("message/rfc822", raw=ob.as_bytes(), disposition="inline")
    if how == "headers":
        return Part("text/rfc822-headers", raw=ob.header_bytes())
    raise KeyError(how)


def envelope(date, seed, frm, to, subject, extra=()):
    hdrs = [("Return-Path", "<>"),
            ("Received", "by mail.%s (Postfix)\n\tid %s; %s" % (OUR, h(seed + "q", 10).upper(), rfcdate(date)))]
    hdrs += [("Date", rfcdate(date)), ("From", frm), ("To", to), ("Subject", subject),
             ("Message-ID", "<%s.%s@%s>" % (date.strftime("%Y%m%d%H%M%S"), h(seed, 8).upper(), frm.split("@")[-1].rstrip(">")))]
    hdrs += list(extra)
    return hdrs


def report(children, seed):
    return Part("multipart/report", children=children, params=[("report-type", "delivery-status")],
                text="This is a MIME-encapsulated message.")


def smtp_lines(rcpts):
    return "\n".join(r["addr"] for r in rcpts)


def b_postfix(rcpts, ob, date, seed, host=None, delayed=False, embed="rfc822", **_):
    host = host or "mail." + OUR
    arrival = ob.date
    if delayed:
        subject = "Delayed Mail (still being retried)"
        text = ("This is the mail system at host %s.\n\n####################################################################\n"
                "# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #\n"
                "####################################################################\n\n"
                "Your message could not be delivered for more than 4 hour(s).\nIt will be retried until it is 5 day(s) old.\n\n"
                "For further assistance, please send mail to postmaster.\n\nIf you do so, please include this problem report. You can\n"
                "delete your own text from the attached returned message.\n\n                   The mail system\n\n" % host)
        for r in rcpts:
            text += "<%s>: %s\n" % (r["addr"], r["diag"])
    else:
        subject = "Undelivered Mail Returned to Sender"
        text = ("This is the mail system at host %s.\n\nI'm sorry to have to inform you that your message could not\n"
                "be delivered to one or more recipients. It's attached below.\n\nFor further assistance, please send mail to postmaster.\n\n"
                "If you do so, please include this problem report. You can\ndelete your own text from the attached returned message.\n\n"
                "                   The mail system\n\n" % host)
        for r in rcpts:
            text += "<%s>: host %s[198.51.100.%d] said: %s (in reply to RCPT TO\n    command)\n" % (r["addr"], r["remote"], len(r["addr"]), r["diag"])
    parts = [Part("text/plain", text, "us-ascii", headers=[("Content-Description", "Notification")]),
             dsn(host, rcpts, arrival, [("X-Postfix-Queue-ID", h(seed, 10).upper()), ("X-Postfix-Sender", "rfc822; " + ob.rep_email)])]
    parts.append(original(ob, "headers" if delayed else embed))
    hdrs = envelope(date, seed, "MAILER-DAEMON@%s (Mail Delivery System)" % host, ob.rep_email, subject,
                    [("Auto-Submitted", "auto-replied")])
    return message(hdrs, report(parts, seed), seed)


def b_exim(rcpts, ob, date, seed, host=None, delayed=False, **_):
    host = host or "smtp-relay.%s" % OUR
    if delayed:
        r = rcpts[0]
        subject = "Warning: message 1t%s-000%s-Qz delayed 24 hours" % (h(seed, 4), h(seed, 3).upper())
        text = ("This message was created automatically by mail delivery software.\n"
                "A message that you sent has not yet been delivered to one or more of its\n"
                "recipients after more than 24 hours on the queue on %s.\n\n"
                "The message identifier is:     1t%s-000%s-Qz\nThe subject of the message is: %s\nThe date of the message is:    %s\n\n"
                "The address to which the message has not yet been delivered is:\n\n  %s\n    host %s [203.0.113.9]: %s\n\n"
                "No action is required on your part. Delivery attempts will continue for\nsome time, and this warning may be repeated at intervals if the message\n"
                "remains undelivered. Eventually the mail delivery software will give up,\nand when that happens, the message will be returned to you.\n"
                % (host, h(seed, 4), h(seed, 3).upper(), ob.subject, rfcdate(ob.date), r["addr"], r["remote"], r["diag"]))
        extra = [("Auto-Submitted", "auto-replied")]
    else:
        subject = "Mail delivery failed: returning message to sender"
        text = ("This message was created automatically by mail delivery software.\n\n"
                "A message that you sent could not be delivered to one or more of its\n"
                "recipients. This is a permanent error. The following address(es) failed:\n\n")
        for r in rcpts:
            if r["reason"] == "hostunknown":     # never reached an SMTP server
                text += "  %s\n    %s\n" % (r["addr"], r["diag"])
                continue
            text += "  %s\n    host %s [203.0.113.%d]\n    SMTP error from remote mail server after RCPT TO:<%s>:\n    %s\n" % (
                r["addr"], r["remote"], len(r["addr"]), r["addr"], r["diag"])
        text += "\n------ This is a copy of the message, including all the headers. ------\n\n" + ob.as_bytes().decode("utf-8")
        extra = [("X-Failed-Recipients", ", ".join(r["addr"] for r in rcpts)), ("Auto-Submitted", "auto-replied")]
    hdrs = envelope(date, seed, "Mail Delivery System <Mailer-Daemon@%s>" % host, ob.rep_email, subject, extra)
    return message(hdrs, Part("text/plain", text, "utf-8" if any(ord(c) > 127 for c in text) else "us-ascii",
                              "8bit" if any(ord(c) > 127 for c in text) else None), seed)


def b_sendmail(rcpts, ob, date, seed, host=None, **_):
    host = host or "smtp2." + OUR
    text = ("The original message was received at %s\nfrom mail.%s [192.0.2.25]\n\n"
            "   ----- The following addresses had permanent fatal errors -----\n" % (rfcdate(ob.date), OUR))
    for r in rcpts:
        text += "<%s>\n    (reason: %s)\n" % (r["addr"], r["diag"])
    text += "\n   ----- Transcript of session follows -----\n"
    for r in rcpts:
        text += "... while talking to %s.:\n>>> RCPT To:<%s>\n<<< %s\n%s\n" % (r["remote"], r["addr"], r["diag"], r["diag"])
    parts = [Part("text/plain", text, "us-ascii"), dsn(host, rcpts, ob.date, [("Received-From-MTA", "DNS; mail." + OUR)]), original(ob, "rfc822")]
    hdrs = envelope(date, seed, "Mail Delivery Subsystem <MAILER-DAEMON@%s>" % host, ob.rep_email,
                    "Returned mail: see transcript for details", [("Auto-Submitted", "auto-generated (failure)")])
    return message(hdrs, report(parts, seed), seed)


def b_qmail(rcpts, ob, date, seed, host=None, **_):
    host = host or "mail." + domain_of(rcpts[0]["addr"])
    text = ("Hi. This is the qmail-send program at %s.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n"
            "This is a permanent error; I've given up. Sorry it didn't work out.\n\n" % host)
    for r in rcpts:
        text += "<%s>:\n%s\n\n" % (r["addr"], r["diag"])
    text += "--- Below this line is a copy of the message.\n\n" + ob.as_bytes().decode("utf-8")
    hdrs = envelope(date, seed, "MAILER-DAEMON@" + host, ob.rep_email, "failure notice")
    return message(hdrs, Part("text/plain", text, "utf-8", "8bit"), seed)


O365_TEXT = {
    "en": ("Undeliverable: ", "Delivery has failed to these recipients or groups:",
           "The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.",
           "Diagnostic information for administrators:", "Generating server:", "Original message headers:"),
    "de": ("Unzustellbar: ", "Die Zustellung an folgende Empfänger oder Gruppen ist fehlgeschlagen:",
           "Die eingegebene E-Mail-Adresse wurde nicht gefunden. Überprüfen Sie die E-Mail-Adresse des Empfängers, und senden Sie die Nachricht erneut. Wenn das Problem weiterhin besteht, wenden Sie sich an Ihr Helpdesk.",
           "Diagnoseinformationen für Administratoren:", "Generierender Server:", "Ursprüngliche Nachrichtenkopfzeilen:"),
    "fr": ("Non remis : ", "Échec de la remise à ces destinataires ou groupes :",
           "L'adresse de messagerie que vous avez entrée est introuvable. Vérifiez l'adresse de messagerie du destinataire et essayez de renvoyer le message. Si le problème persiste, contactez votre support technique.",
           "Informations de diagnostic pour les administrateurs :", "Serveur de génération :", "En-têtes de message d'origine :"),
    "es": ("No se puede entregar: ", "Error en la entrega a estos destinatarios o grupos:",
           "No se encontró la dirección de correo electrónico que escribió. Compruebe la dirección del destinatario e intente volver a enviar el mensaje. Si el problema continúa, póngase en contacto con el departamento de soporte técnico.",
           "Información de diagnóstico para administradores:", "Servidor de generación:", "Encabezados de mensaje original:"),
    "nl": ("Onbestelbaar: ", "Bezorging is mislukt voor deze ontvangers of groepen:",
           "Het e-mailadres dat u hebt ingevoerd, is niet gevonden. Controleer het e-mailadres van de ontvanger en verzend het bericht opnieuw. Neem contact op met de helpdesk als het probleem zich blijft voordoen.",
           "Diagnostische gegevens voor beheerders:", "Genererende server:", "Oorspronkelijke berichtkoppen:"),
    "pt": ("Não é possível entregar: ", "Falha na entrega para estes destinatários ou grupos:",
           "Não foi possível encontrar o endereço de e-mail introduzido. Verifique o endereço de e-mail do destinatário e tente reenviar a mensagem. Se o problema persistir, contacte o seu suporte técnico.",
           "Informações de diagnóstico para administradores:", "Servidor de geração:", "Cabeçalhos da mensagem original:"),
    "it": ("Non recapitabile: ", "Recapito non riuscito a questi destinatari o gruppi:",
           "Impossibile trovare l'indirizzo di posta elettronica immesso. Controllare l'indirizzo del destinatario e riprovare a inviare il messaggio. Se il problema persiste, contattare il supporto tecnico.",
           "Informazioni di diagnostica per gli amministratori:", "Server di generazione:", "Intestazioni del messaggio originale:"),
}


def b_exchange(rcpts, ob, date, seed, lang="en", modern=False, reason_text=None, **_):
    prefix, head, explain, diag_t, gen_t, orig_t = O365_TEXT[lang]
    server = "%s.eurprd0%d.prod.outlook.com" % (h(seed, 10).upper(), len(seed) % 9 + 1)
    r = rcpts[0]
    if modern:
        first = contact_from(r["addr"])[0]
        text = ("Your message to %s couldn't be delivered.\n\n%s wasn't found at %s.\n\n%s    Office 365    %s\nAction Required                    Recipient\n\n"
                "Unknown To address\n\nHow to Fix It\nThe address may be misspelled or may not exist. Try one or more of the following:\n\n"
                "  * Retype the recipient's address, then resend the message.\n  * If you're using the Auto-Complete List in Outlook or Outlook on the web, delete the entry and enter the address again.\n\n"
                % (r["addr"], r["addr"].split("@")[0], domain_of(r["addr"]), ob.rep_name.split()[0], first))
    else:
        text = "%s\n\n" % head
        for x in rcpts:
            text += "%s (%s)\n%s\n\n" % (" ".join(p for p in contact_from(x["addr"])[:2] if p), x["addr"], reason_text or explain)
    text += "\n%s\n\n%s %s\n\n" % (diag_t, gen_t, server)
    for x in rcpts:
        text += "%s\n%s\nRemote Server returned '%s'\n\n" % (x["addr"], x["remote"], x["diag"])
    text += "%s\n\n" % orig_t + ob.header_bytes().decode("utf-8")
    charset = "us-ascii" if all(ord(c) < 128 for c in text) else "utf-8"
    body = Part("text/plain", text, charset, "quoted-printable" if charset != "us-ascii" else "7bit")
    parts = [body, dsn(server, [dict(x, remote=None) for x in rcpts], ob.date, seed=seed), original(ob, "headers")]
    frm = "Microsoft Outlook <MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@%s>" % OUR if modern else "postmaster@%s" % OUR
    hdrs = envelope(date, seed, frm, addr(ob.rep_name, ob.rep_email), enc_words(prefix + ob.subject),
                    [("Auto-Submitted", "auto-replied"), ("X-MS-Exchange-Message-Is-Ndr", ""), ("Thread-Topic", enc_words(ob.subject))])
    return message(hdrs, report(parts, seed), seed)


def b_gmail(rcpts, ob, date, seed, title="Address not found", text=None, delayed=False, **_):
    r = rcpts[0]
    if text is None:
        text = ("Your message wasn't delivered to %s because the address couldn't be found, or is unable to receive mail.\n\n"
                "Learn more here: https://support.google.com/mail/?p=NoSuchUser\n" % r["addr"])
    body = "\n** %s **\n\n%s\nThe response was:\n\n%s\n" % (title, text.format(addr=r["addr"]), r["diag"])
    parts = [Part("multipart/alternative", children=[Part("text/plain", body, "UTF-8", "7bit"),
                                                     Part("text/html", "<html><body>" + paras_html(body) + "</body></html>\n", "UTF-8", "quoted-printable")]),
             dsn("googlemail.com", rcpts, ob.date, [("Received-From-MTA", "dns; %s" % "mail-sor-f41.google.com")]),
             original(ob, "headers" if delayed else "rfc822")]
    subj = "Delivery Status Notification (%s)" % ("Delay" if delayed else "Failure")
    hdrs = envelope(date, seed, "Mail Delivery Subsystem <mailer-daemon@googlemail.com>", ob.rep_email, subj,
                    [("Auto-Submitted", "auto-replied"), ("X-Failed-Recipients", r["addr"])] if not delayed else [("Auto-Submitted", "auto-replied")])
    return message(hdrs, report(parts, seed), seed)


def b_yahoo(rcpts, ob, date, seed, aol=False, **_):
    text = "Sorry, we were unable to deliver your message to the following address.\n\n"
    for r in rcpts:
        text += "<%s>:\n%s\n\n" % (r["addr"], r["diag"])
    text += "--- Below this line is a copy of the message.\n\n" + ob.as_bytes().decode("utf-8")
    hdrs = envelope(date, seed, "MAILER-DAEMON@%s" % ("aol.com" if aol else "yahoo.com"), ob.rep_email, "Failure Notice")
    return message(hdrs, Part("text/plain", text, "utf-8", "8bit"), seed)


def b_ses(rcpts, ob, date, seed, **_):
    text = "An error occurred while trying to deliver the mail to the following recipients:\n" + smtp_lines(rcpts) + "\n"
    parts = [Part("text/plain", text, "us-ascii"), dsn("a27-%d.smtp-out.eu-west-1.amazonses.com" % (len(seed) % 60), rcpts, ob.date),
             original(ob, "rfc822")]
    hdrs = envelope(date, seed, "MAILER-DAEMON@amazonses.com", ob.rep_email, "Delivery Status Notification (Failure)",
                    [("x-ses-outgoing", "2026.11.%02d-54.240.4.%d" % (date.day, len(seed)))])
    return message(hdrs, report(parts, seed), seed)


def b_mimecast(rcpts, ob, date, seed, **_):
    r = rcpts[0]
    text = ("Your message couldn't be delivered\n\nThe following message to <%s> was undeliverable.\n"
            "The reason for the problem:\n%s\n\nIf you need further assistance, contact your email administrator quoting the reference below.\n\n"
            "Reference: %s\n" % (r["addr"], r["diag"], h(seed, 24)))
    parts = [Part("text/plain", text, "us-ascii"), dsn("eu-smtp-delivery-1%d.mimecast.com" % (len(seed) % 9), rcpts, ob.date),
             original(ob, "headers")]
    hdrs = envelope(date, seed, "Mimecast Postmaster <postmaster@eu-smtp-1.mimecast.com>", ob.rep_email,
                    enc_words("Undeliverable: " + ob.subject), [("Auto-Submitted", "auto-generated")])
    return message(hdrs, report(parts, seed), seed)


def b_proofpoint(rcpts, ob, date, seed, **_):
    host = "mx0b-00%s.pphosted.com" % h(seed, 6)
    text = ("The original message was received at %s\nfrom mail.%s [192.0.2.25]\n\n   ----- The following addresses had permanent fatal errors -----\n"
            % (rfcdate(ob.date), OUR))
    for r in rcpts:
        text += "<%s>\n    (reason: %s)\n" % (r["addr"], r["diag"])
    parts = [Part("text/plain", text, "us-ascii"), dsn(host, rcpts, ob.date), original(ob, "rfc822")]
    hdrs = envelope(date, seed, "Mail Delivery Subsystem <MAILER-DAEMON@%s>" % host, ob.rep_email, "Returned mail: see transcript for details")
    return message(hdrs, report(parts, seed), seed)


def b_gmx(rcpts, ob, date, seed, **_):
    text = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of\n"
            "its recipients. This is a permanent error. The following address(es)\nfailed:\n\n")
    for r in rcpts:
        text += "%s:\nSMTP error from remote server for RCPT TO command, host: %s (203.0.113.%d) reason: %s\n\n" % (r["addr"], r["remote"], len(r["addr"]), r["diag"])
    text += "--- The header of the original message is following. ---\n\n" + ob.header_bytes().decode("utf-8")
    hdrs = envelope(date, seed, "mailer-daemon@gmx.net", ob.rep_email, "Mail delivery failed: returning message to sender")
    return message(hdrs, Part("text/plain", text, "utf-8", "8bit"), seed)


def b_mailru(rcpts, ob, date, seed, **_):
    text = ("This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\n"
            "recipients. This is a permanent error. The following address(es) failed:\n\n")
    for r in rcpts:
        text += "  %s\n    SMTP error from remote mail server after RCPT TO:<%s>:\n    host %s [203.0.113.%d]: %s\n" % (r["addr"], r["addr"], r["remote"], len(seed), r["diag"])
    text += "\n------ This is a copy of the message, including all the headers. ------\n\n" + ob.as_bytes().decode("utf-8")
    hdrs = envelope(date, seed, "Mail Delivery System <mailer-daemon@corp.mail.ru>", ob.rep_email, "Mail failure.",
                    [("X-Failed-Recipients", ", ".join(r["addr"] for r in rcpts)), ("Auto-Submitted", "auto-replied")])
    return message(hdrs, Part("text/plain", text, "utf-8", "8bit"), seed)


def b_domino(rcpts, ob, date, seed, **_):
    r = rcpts[0]
    name = " ".join(p for p in contact_from(r["addr"])[:2] if p)
    text = ("Your message\n\n  Subject: %s\n\nwas not delivered to:\n\n  %s\n\nbecause:\n\n  %s\n" % (ob.subject, r["addr"], r["diag"]))
    parts = [Part("text/plain", text, "utf-8", "quoted-printable"), dsn("notes01.%s" % domain_of(r["addr"]), rcpts, ob.date), original(ob, "headers")]
    hdrs = envelope(date, seed, "Postmaster@%s" % domain_of(r["addr"]), ob.rep_email, "DELIVERY FAILURE: " + r["diag"])
    return message(hdrs, report(parts, seed), seed)


def b_zoho(rcpts, ob, date, seed, **_):
    text = ("This message was created automatically by mail delivery software.\nA message that you sent could not be delivered to one or more of its recipients. This is a permanent error.\n\n")
    for r in rcpts:
        text += "%s, ERROR CODE :%s\n" % (r["addr"], r["diag"])
    text += "\nReceived: from mail.%s by mx.zohomail.com\n\t with SMTP id %s;\n\t%s\n" % (OUR, h(seed, 16), rfcdate(ob.date))
    text += ob.header_bytes().decode("utf-8")
    hdrs = envelope(date, seed, "mailer-daemon@mail.zoho.com", ob.rep_email, "Undelivered Mail Returned to Sender")
    return message(hdrs, Part("text/plain", text, "utf-8", "8bit"), seed)


def b_opensmtpd(rcpts, ob, date, seed, delayed=False, **_):
    kind = "delay" if delayed else "error"
    text = ("Hi!\n\nThis is the MAILER-DAEMON, please DO NOT REPLY to this email.\n\n"
            + ("An error has occurred while attempting to deliver a message for\nthe following list of recipients:\n\n" if not delayed else
               "A message is delayed for more than 4 hours for the following\nlist of recipients:\n\n"))
    for r in rcpts:
        text += "%s: %s\n" % (r["addr"], r["diag"])
    text += "\nBelow is a copy of the original message:\n\n" + ob.as_bytes().decode("utf-8")
    hdrs = envelope(date, seed, "Mailer Daemon <MAILER-DAEMON@mail.%s>" % OUR, ob.rep_email, "Delivery status notification: " + kind)
    return message(hdrs, Part("text/plain", text, "utf-8", "8bit"), seed)


def b_courier(rcpts, ob, date, seed, **_):
    host = "mail." + domain_of(rcpts[0]["addr"])
    text = ("This is a delivery status notification from %s,\nrunning the Courier mail server, version 1.3.2.\n\n"
            "The original message was received on %s\nfrom mail.%s (192.0.2.25)\n\n"
            "---------------------------------------------------------------------------\n\n                           UNDELIVERABLE MAIL\n\n"
            "Your message to the following recipients cannot be delivered:\n\n" % (host, rfcdate(ob.date), OUR))
    for r in rcpts:
        text += "<%s>:\n    %s [203.0.113.31]:\n>>> RCPT TO:<%s>\n<<< %s\n\n" % (r["addr"], r["remote"], r["addr"], r["diag"])
    text += "---------------------------------------------------------------------------\n\nIf your message was also sent to additional recipients, their delivery\nstatus is not included in this report.\n"
    parts = [Part("text/plain", text, "us-ascii"), dsn(host, rcpts, ob.date), original(ob, "rfc822")]
    hdrs = envelope(date, seed, "\"Courier mail server at %s\" <@>" % host, ob.rep_email, "NOTICE: mail delivery status.")
    return message(hdrs, report(parts, seed), seed)


def b_oracle(rcpts, ob, date, seed, **_):
    text = ("This report relates to a message you sent with the following header fields:\n\n  Message-id: <%s>\n  Date: %s\n  From: %s <%s>\n"
            "  To: %s\n  Subject: %s\n\nYour message cannot be delivered to the following recipients:\n\n"
            % (ob.message_id, rfcdate(ob.date), ob.rep_name, ob.rep_email, ob.to_email, ob.subject))
    for r in rcpts:
        text += "  Recipient address: %s\n  Reason: Remote SMTP server has rejected address\n  Diagnostic code: smtp;%s\n  Remote system: dns;%s (TCP|192.0.2.25|41882|203.0.113.80|25)\n\n" % (
            r["addr"], r["diag"], r["remote"])
    parts = [Part("text/plain", text, "utf-8", "quoted-printable"), dsn("ims-ms-daemon.%s" % domain_of(rcpts[0]["addr"]), rcpts, ob.date), original(ob, "rfc822")]
    hdrs = envelope(date, seed, "Internet Mail Delivery <postmaster@%s>" % domain_of(rcpts[0]["addr"]), ob.rep_email,
                    "Delivery Notification: Delivery has failed")
    return message(hdrs, report(parts, seed), seed)


def b_messagelabs(rcpts, ob, date, seed, **_):
    text = ("This is an automatically generated message from MessageLabs.\n\nCould not deliver message to the following recipient(s):\n\n")
    for r in rcpts:
        text += "Failed Recipient: %s\nReason: Remote host said: %s\n\n" % (r["addr"], r["diag"])
    text += "  -- The header and top 20 lines of the message follows --\n\n" + "\n".join(ob.as_bytes().decode("utf-8").split("\n")[:34]) + "\n"
    hdrs = envelope(date, seed, "MAILER-DAEMON@server-%d.tower-%d.messagelabs.com" % (len(seed), len(seed) * 7 % 700), ob.rep_email, "Mail Delivery Failure")
    return message(hdrs, Part("text/plain", text, "utf-8", "8bit"), seed)


MTAS = {"postfix": b_postfix, "exim": b_exim, "sendmail": b_sendmail, "qmail": b_qmail, "exchange": b_exchange, "gmail": b_gmail,
        "yahoo": b_yahoo, "ses": b_ses, "mimecast": b_mimecast, "proofpoint": b_proofpoint, "gmx": b_gmx, "mailru": b_mailru,
        "domino": b_domino, "zoho": b_zoho, "opensmtpd": b_opensmtpd, "courier": b_courier, "oracle": b_oracle,
        "messagelabs": b_messagelabs}


def bounce(folder, name, mta, rcpts, lang="en", style="lf", date=None, label=None, **kw):
    date = date or CLOCK.next(0)
    contacts = [KNOWN.get(r["addr"]) or contact_from(r["addr"]) for r in rcpts]
    ob = Outbound(lang, contacts[0], date - dt.timedelta(minutes=2 + len(name)))
    ob.extra_to = [(("%s %s" % c[:2]).strip(), c[2]) for c in contacts[1:]]
    data = MTAS[mta](rcpts, ob, date, folder + name, lang=lang, **kw)
    failing = [r for r in rcpts if r["action"] in ("failed", "delayed")]
    lab = {"kind": "hard_bounce" if any(r["hard"] for r in failing) else "soft_bounce",
           "recipients": [{"address": r["addr"], "hard": r["hard"], "reason": r["reason"], "status": r["status"]} for r in failing]}
    if len(failing) == 1:
        lab["contact"] = failing[0]["addr"]
    if label:
        lab.update(label)
    emit(folder, name, data, lab, style, kw.get("lang_of_text", lang if mta == "exchange" else "en"))
    return ob


# ================================================================ bounces/
def bounces():
    F = "bounces"
    U = "userunknown"
    # --- Postfix (RFC 3464)
    bounce(F, "postfix-userunknown.eml", "postfix", [R("m.adeyemi@cobaltlabs.example", "5.1.1", U, True, "550 5.1.1 <m.adeyemi@cobaltlabs.example>: Recipient address rejected: User unknown in virtual mailbox table")])
    bounce(F, "postfix-hostunknown.eml", "postfix", [R("sales@tallow-sytems.example", "5.4.4", "hostunknown", True, "Host or domain name not found. Name service error for name=tallow-sytems.example type=AAAA: Host not found", remote="tallow-sytems.example")], style="cr")
    bounce(F, "postfix-mailboxfull.eml", "postfix", [R("ethan.brooks@quarrylane.example", "5.2.2", "mailboxfull", False, "552 5.2.2 <ethan.brooks@quarrylane.example>: Mailbox full")])
    bounce(F, "postfix-spamhaus-blocked.eml", "postfix", [R("procurement@harbourbank.example", "5.7.1", "blocked", False, "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.25")], style="crlf")
    bounce(F, "postfix-delayed-timeout.eml", "postfix", [R("info@quarrylane.example", "4.4.1", "expired", False, "connect to mx1.quarrylane.example[198.51.100.44]:25: Connection timed out", action="delayed")], delayed=True)
    bounce(F, "postfix-expired-after-retries.eml", "postfix", [R("hello@pinecrest-dental.example", "4.4.7", "expired", False, "delivery temporarily suspended: connect to mx1.pinecrest-dental.example[198.51.100.60]:25: Connection refused")])
    bounce(F, "postfix-multi-hard-and-soft.eml", "postfix", [R("n.okafor@lumenworks.example", "5.1.1", U, True, "550 5.1.1 <n.okafor@lumenworks.example>: Recipient address rejected: User unknown"),
                                                             R("hannah.k@lumenworks.example", "5.2.2", "mailboxfull", False, "552 5.2.2 <hannah.k@lumenworks.example>: Mailbox quota exceeded")])
    bounce(F, "postfix-hasmoved.eml", "postfix", [R("g.lin@example.com", "5.1.6", "hasmoved", True, "551 5.1.6 User has moved; please try <grace.lin@example.com>")])
    bounce(F, "postfix-nullmx-notaccept.eml", "postfix", [R("contact@parked-domain.example", "5.1.10", "notaccept", True, "Domain parked-domain.example does not accept mail (nullMX)", remote="parked-domain.example")])
    bounce(F, "postfix-sender-rejected.eml", "postfix", [R("r.foster@example.net", "5.1.8", "rejected", False, "553 5.1.8 <anna@leadfwd-demo.com>: Sender address rejected: Domain not found")])
    bounce(F, "postfix-dmarc-policy.eml", "postfix", [R("laura.s@riverbend-health.example", "5.7.1", "policyviolation", False, "550 5.7.1 Email rejected per DMARC policy for leadfwd-demo.com")])
    bounce(F, "postfix-toomanyconn-delayed.eml", "postfix", [R("kevin@example.org", "4.7.0", "toomanyconn", False, "host mx1.example.org[198.51.100.80] refused to talk to me: 421 4.7.0 Too many concurrent SMTP connections; please try again later", action="delayed")], delayed=True, style="cr")
    # --- Exim (plain text, X-Failed-Recipients)
    bounce(F, "exim-userunknown.eml", "exim", [R("ruben.mulder@tulpsoft.example", "5.1.1", U, True, "550 5.1.1 <ruben.mulder@tulpsoft.example>: Recipient address rejected: User unknown in local recipient table")], lang="nl")
    bounce(F, "exim-spam-rejected.eml", "exim", [R("t.petit@lumiere-conseil.example", "5.7.1", "spamdetected", False, "550 5.7.1 Message rejected as spam by Content Filtering.")], lang="fr", style="crlf")
    bounce(F, "exim-delayed-mailboxfull.eml", "exim", [R("pgil@mediterranea-tech.example", "4.2.2", "mailboxfull", False, "452 4.2.2 Mailbox full", action="delayed")], lang="es", delayed=True)
    bounce(F, "exim-multi-unrouteable-and-full.eml", "exim", [R("ventas@olivares-exports.example", "5.4.4", "hostunknown", True, "Unrouteable address: all relevant MX records point to non-existent hosts", remote="olivares-exports.example"),
                                                              R("diego.moreno@example.com", "5.2.2", "mailboxfull", False, "552 5.2.2 Quota exceeded (mailbox for user is full)")], lang="es")
    bounce(F, "exim-suspended.eml", "exim", [R("a.fuchs@fuchs-partner.example", "5.2.1", "suspend", False, "550 5.2.1 Mailbox disabled, not accepting messages")], lang="de", style="cr")
    # --- Sendmail
    bounce(F, "sendmail-userunknown.eml", "sendmail", [R("jruiz@example.es.example", "5.1.1", U, True, "550 5.1.1 <jruiz@example.es.example>... User unknown")], lang="es")
    bounce(F, "sendmail-multi.eml", "sendmail", [R("b.jansen@jansen-bouw.example", "5.1.1", U, True, "550 5.1.1 <b.jansen@jansen-bouw.example>... User unknown"),
                                                 R("bram@jansen-bouw.example", "5.7.1", "blocked", False, "550 5.7.1 <bram@jansen-bouw.example>... Rejected: 192.0.2.25 listed at bl.spamcop.net")], lang="nl", style="crlf")
    bounce(F, "sendmail-size-exceedlimit.eml", "sendmail", [R("f.colombo@studio-colombo.example", "5.2.3", "exceedlimit", False, "552 5.2.3 Message size exceeds maximum value")], lang="it")
    # --- qmail
    bounce(F, "qmail-no-mailbox.eml", "qmail", [R("l.bianchi@example.it.example", "5.1.1", U, True, "Sorry, no mailbox here by that name. (#5.1.1)")], lang="it")
    bounce(F, "qmail-multi-unknown-and-quota.eml", "qmail", [R("mariana@cafesul.example", "5.1.1", U, True, "Sorry, no mailbox here by that name. (#5.1.1)"),
                                                              R("mariana.almeida@cafesul.example", "5.2.2", "mailboxfull", False, "198.51.100.17 does not like recipient.\nRemote host said: 552 5.2.2 Mailbox quota exceeded\nGiving up on 198.51.100.17.")], lang="pt", style="cr")
    bounce(F, "qmail-remote-rejects.eml", "qmail", [R("eva.smit@example.org", "5.7.1", "badreputation", False, "198.51.100.93 does not like recipient.\nRemote host said: 554 5.7.1 Rejected: your IP 192.0.2.25 has a poor reputation\nGiving up on 198.51.100.93.")], lang="nl")
    # --- Exchange / Office 365, including localized NDRs
    bounce(F, "o365-recipientnotfound-modern.eml", "exchange", [R("james.oneil@harbourbank.example", "5.1.10", U, True, "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")], modern=True)
    bounce(F, "exchange-de-unzustellbar.eml", "exchange", [R("s.krueger@nordlicht-energie.example", "5.1.1", U, True, "550 5.1.1 RESOLVER.ADR.RecipientNotFound; not found")], lang="de")
    bounce(F, "exchange-fr-non-remis.eml", "exchange", [R("c.lefevre@atelier-morel.example", "5.1.10", U, True, "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")], lang="fr", style="crlf")
    bounce(F, "exchange-es-no-se-puede-entregar.eml", "exchange", [R("lucia.f@grupo-iberica.example", "5.1.1", U, True, "550 5.1.1 RESOLVER.ADR.RecipientNotFound; not found")], lang="es")
    bounce(F, "exchange-nl-onbestelbaar.eml", "exchange", [R("s.devries@polderdata.example", "5.1.10", U, True, "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")], lang="nl")
    bounce(F, "exchange-pt-nao-entregue.eml", "exchange", [R("j.ferreira@atlantico-seguros.example", "5.1.1", U, True, "550 5.1.1 RESOLVER.ADR.RecipientNotFound; not found")], lang="pt", style="cr")
    bounce(F, "exchange-it-non-recapitabile.eml", "exchange", [R("g.romano@tessuti-como.example", "5.1.10", U, True, "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup")], lang="it")
    bounce(F, "o365-mailbox-full-en.eml", "exchange", [R("megan.price@example.org", "5.2.2", "mailboxfull", False, "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded")],
           reason_text="The recipient's mailbox is full and can't accept messages now. Please try resending your message later, or contact the recipient directly.")
    bounce(F, "o365-banned-ip-blocked.eml", "exchange", [R("oliver@tallow-systems.example", "5.7.606", "blocked", False, "550 5.7.606 Access denied, banned sending IP [192.0.2.25]. To request removal from this list please visit https://sender.office.com/")],
           reason_text="Your message wasn't delivered because the recipient's email provider rejected it.")
    # --- Gmail / Google Workspace
    bounce(F, "gmail-address-not-found.eml", "gmail", [R("priya.raman@brightpath.example", "5.1.1", U, True, "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. For more information, go to https://support.google.com/mail/?p=NoSuchUser 5a1b2c3d4e.19 - gsmtp")])
    bounce(F, "gmail-domain-not-found.eml", "gmail", [R("team@brightpath-ltd.example", "5.1.2", "hostunknown", True, "DNS Error: DNS type 'mx' lookup of brightpath-ltd.example responded with code NXDOMAIN Domain name not found: brightpath-ltd.example", remote="brightpath-ltd.example")],
           title="Address not found", text="Your message wasn't delivered to {addr} because the domain brightpath-ltd.example couldn't be found. Check for typos or unnecessary spaces and try again.\n")
    bounce(F, "gmail-inbox-full.eml", "gmail", [R("dchen@example.com", "4.2.2", "mailboxfull", False, "452 4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp")],
           title="Message not delivered", text="Your message couldn't be delivered to {addr} because the recipient's inbox is full.\n")
    bounce(F, "gmail-disabled-account.eml", "gmail", [R("s.whitfield@example.net", "5.2.1", "suspend", False, "550 5.2.1 The email account that you tried to reach is inactive. For more information, go to https://support.google.com/mail/?p=DisabledUser - gsmtp")],
           title="Message not delivered", text="Your message couldn't be delivered to {addr} because the account is inactive.\n", style="crlf")
    bounce(F, "gmail-spam-blocked.eml", "gmail", [R("marcus@bellandhart.example", "5.7.1", "badreputation", False, "550-5.7.1 [192.0.2.25] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address. - gsmtp")],
           title="Message blocked", text="Your message to {addr} has been blocked. See technical details below for more information.\n")
    bounce(F, "gmail-delay.eml", "gmail", [R("grace.lin@example.com", "4.4.1", "expired", False, "The recipient server did not accept our requests to connect. [mx1.example.com. 198.51.100.4: timed out]", action="delayed")],
           title="Delivery incomplete", text="There was a temporary problem delivering your message to {addr}. Gmail will retry for 47 more hours. You'll be notified if the delivery fails permanently.\n", delayed=True)
    # --- Yahoo, Amazon SES, gateways
    bounce(F, "yahoo-no-account.eml", "yahoo", [R("rachelmoore77@yahoo.example", "5.1.1", U, True, "Remote host said: 554 delivery error: dd This user doesn't have a yahoo.example account (rachelmoore77@yahoo.example) [0] - mta4123.mail.bf1.yahoo.com")])
    bounce(F, "yahoo-mailbox-full.eml", "yahoo", [R("tiago.r@portomar.example", "5.2.2", "mailboxfull", False, "Remote host said: 552 1 Requested mail action aborted, mailbox not found or full [RCPT_TO]")], lang="pt")
    bounce(F, "aol-userunknown.eml", "yahoo", [R("marcusbell1980@aol.example", "5.1.1", U, True, "Remote host said: 554 delivery error: dd This user doesn't have a aol.example account (marcusbell1980@aol.example) [0] - mta1017.mail.gq1.yahoo.com")], aol=True)
    bounce(F, "amazonses-userunknown.eml", "ses", [R("ogrant@tallow-systems.example", "5.1.1", U, True, "550 5.1.1 user unknown")])
    bounce(F, "amazonses-blocked.eml", "ses", [R("aisha.bello@cobaltlabs.example", "5.7.1", "blocked", False, "554 5.7.1 Service unavailable; Client host [54.240.4.19] blocked using b.barracudacentral.org")], style="crlf")
    bounce(F, "mimecast-access-denied.eml", "mimecast", [R("chiara.marino@veneta-impianti.example", "5.7.1", "filtered", False, "550 5.7.1 Recipient address rejected: Access denied. AS(201806281) [eu-smtp-inbound-1.mimecast.com]")], lang="it")
    bounce(F, "mimecast-unknown-user.eml", "mimecast", [R("k.vogel@brandt-logistik.example", "5.1.1", U, True, "550 5.1.1 Recipient address rejected: Unknown user - https://community.mimecast.com/docs/DOC-1369#550 [eu-smtp-inbound-2.mimecast.com]")], lang="de")
    bounce(F, "proofpoint-blocked.eml", "proofpoint", [R("m.ricci@example.net", "5.7.1", "spamdetected", False, "550 5.7.1 Message rejected as spam [pphosted.com]")], lang="it")
    bounce(F, "proofpoint-userunknown.eml", "proofpoint", [R("tobias.l@alpenblick-software.example", "5.1.1", U, True, "550 5.1.1 User Unknown")], lang="de", style="cr")
    bounce(F, "messagelabs-userunknown.eml", "messagelabs", [R("ana.costa@example.pt.example", "5.1.1", U, True, "550 5.1.1 <ana.costa@example.pt.example>... User unknown")], lang="pt")
    # --- European and other providers / servers
    bounce(F, "gmx-multi-unknown-and-full.eml", "gmx", [R("florian.weber@gmx-kunde.example", "5.1.1", U, True, "550 5.1.1 <florian.weber@gmx-kunde.example>... User is unknown"),
                                                         R("j.hoffmann@gmx-kunde.example", "5.2.2", "mailboxfull", False, "552 5.2.2 Mailbox full")], lang="de")
    bounce(F, "gmx-userunknown.eml", "gmx", [R("miriam.s@web-kunde.example", "5.1.1", U, True, "550 Requested action not taken: mailbox unavailable")], lang="de", style="crlf")
    bounce(F, "mailru-invalid-mailbox.eml", "mailru", [R("ivan.petrov@mail-ru.example", "5.1.1", U, True, "550 Message was not accepted -- invalid mailbox.  Local mailbox ivan.petrov@mail-ru.example is unavailable: user not found")])
    bounce(F, "mailru-multi.eml", "mailru", [R("olga.smirnova@mail-ru.example", "5.2.2", "mailboxfull", False, "552 5.2.2 Mailbox size limit exceeded"),
                                            R("o.smirnova@mail-ru.example", "5.1.1", U, True, "550 Message was not accepted -- invalid mailbox.  Local mailbox o.smirnova@mail-ru.example is unavailable: user not found")])
    bounce(F, "domino-not-listed.eml", "domino", [R("f.weber@weber-maschinenbau.example", "5.1.1", U, True, "User Florian Weber (f.weber@weber-maschinenbau.example) not listed in Domino Directory")], lang="de")
    bounce(F, "zoho-userunknown.eml", "zoho", [R("mariana.almeida@cafesul.example", "5.1.1", U, True, "550 - 5.1.1 <mariana.almeida@cafesul.example>: Recipient address rejected: User unknown in relay recipient table")], lang="pt")
    bounce(F, "zoho-quota.eml", "zoho", [R("joost@grachtlogistiek.example", "5.2.2", "mailboxfull", False, "552 - 5.2.2 Mailbox quota exceeded for this recipient")], lang="nl", style="cr")
    bounce(F, "opensmtpd-invalid-recipient.eml", "opensmtpd", [R("camille@atelier-morel.example", "5.1.1", U, True, "550 5.1.1 Invalid recipient <camille@atelier-morel.example>")], lang="fr")
    bounce(F, "opensmtpd-delay.eml", "opensmtpd", [R("bernard.j@example.fr.example", "4.4.1", "expired", False, "421 4.4.1 Connection timed out while talking to mx.example.fr.example", action="delayed")], lang="fr", delayed=True)
    bounce(F, "courier-userunknown.eml", "courier", [R("nicolas@lumiere-conseil.example", "5.1.1", U, True, "550 5.1.1 <nicolas@lumiere-conseil.example>: Recipient address rejected: User unknown")], lang="fr")
    bounce(F, "oracle-messaging-server.eml", "oracle", [R("luca.b@grecofood.example", "5.1.1", U, True, "550 5.1.1 unknown or illegal alias: luca.b@grecofood.example")], lang="it")
    bounce(F, "postfix-filtered-by-recipient.eml", "postfix", [R("camille.lefevre@atelier-morel.example", "5.7.1", "filtered", False, "550 5.7.1 <camille.lefevre@atelier-morel.example>: Recipient address rejected: Access denied")], lang="fr")
    bounce(F, "sendmail-systemerror.eml", "sendmail", [R("bia.santos@example.com", "5.3.0", "systemerror", False, "554 5.3.0 Mail system error: local configuration problem, message not delivered")])

    # --- localized soft bounces (Exchange / Office 365 NDRs)
    FULL = "554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception"
    bounce(F, "exchange-de-postfach-voll.eml", "exchange", [R("tobias.lange@alpenblick-software.example", "5.2.2", "mailboxfull", False, FULL)], lang="de",
           reason_text="Das Postfach des Empfängers ist voll und kann zurzeit keine Nachrichten annehmen. Versuchen Sie später erneut, die Nachricht zu senden, oder wenden Sie sich direkt an den Empfänger.")
    bounce(F, "exchange-fr-boite-pleine.eml", "exchange", [R("sophie.martin@cabinet-arnaud.example", "5.2.2", "mailboxfull", False, FULL)], lang="fr",
           reason_text="La boîte aux lettres du destinataire est pleine et ne peut pas accepter de messages pour le moment. Essayez de renvoyer le message plus tard ou contactez directement le destinataire.")
    bounce(F, "exchange-es-buzon-lleno.eml", "exchange", [R("marta.sanchez@soluciones-alba.example", "5.2.2", "mailboxfull", False, FULL)], lang="es", style="crlf",
           reason_text="El buzón del destinatario está lleno y no puede aceptar mensajes en este momento. Intente reenviar el mensaje más tarde o póngase en contacto directamente con el destinatario.")
    bounce(F, "exchange-nl-postvak-vol.eml", "exchange", [R("eva.smit@example.org", "5.2.2", "mailboxfull", False, FULL)], lang="nl",
           reason_text="Het postvak van de ontvanger is vol en kan momenteel geen berichten accepteren. Probeer het bericht later opnieuw te verzenden of neem rechtstreeks contact op met de ontvanger.")
    bounce(F, "exchange-pt-caixa-cheia.eml", "exchange", [R("mariana.almeida@cafesul.example", "5.2.2", "mailboxfull", False, FULL)], lang="pt",
           reason_text="A caixa de correio do destinatário está cheia e não pode aceitar mensagens neste momento. Tente reenviar a mensagem mais tarde ou contacte diretamente o destinatário.")
    bounce(F, "exchange-it-bloccato.eml", "exchange", [R("a.greco@grecofood.example", "5.7.606", "blocked", False, "550 5.7.606 Access denied, banned sending IP [192.0.2.25]. To request removal from this list please visit https://sender.office.com/")], lang="it",
           reason_text="Il messaggio non è stato recapitato perché il provider di posta elettronica del destinatario lo ha rifiutato.")



# ---------------------------------------------------------------- complaints and List-Unsubscribe mail

FBL = {
    "yahoo": ("Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>", "Yahoo!-Mail-Feedback/2.0", "Email Abuse Report",
              "This is an email abuse report for an email message received from IP 192.0.2.25 on {date}.\nFor more information about this format please see http://tools.ietf.org/html/rfc5965.\n"),
    "aol": ("AOL Feedback Loop <scomp@aol.net>", "AOL SComp", "Email Feedback Report for IP 192.0.2.25",
            "This is an email abuse report for an email message received from IP 192.0.2.25 on {date}.\n"),
    "comcast": ("Comcast Feedback Loop <feedback@comcastfbl.example>", "ReturnPathFBL/2.0", "Complaint about message from 192.0.2.25",
                "This is an email abuse report for an email message received from IP 192.0.2.25 on {date}.\nA subscriber marked this message as spam.\n"),
    "generic": ("abuse@isp-mail.example", "SpamCop-Feedback/1.1", "[SpamCop id 7731552009] Report of spam from leadfwd-demo.com",
                "A user of our service reported the attached message as unsolicited.\nPlease investigate and stop sending to this recipient.\n"),
    "microsoft": ("staff@hotmail.example", "Microsoft JMRP/1.0", "complaint about message from 192.0.2.25",
                  "This is an email abuse report for an email message received from IP 192.0.2.25 on {date}.\n"),
}


def arf(folder, name, provider, contact, lang="en", feedback="abuse", rcpt_field=True, style="lf", kind="opt_out", reason="complaint", date=None):
    date = date or CLOCK.next(0)
    ob = Outbound(lang, contact, date - dt.timedelta(hours=5))
    frm, agent, subj, text = FBL[provider]
    fields = ["Feedback-Type: %s" % feedback, "User-Agent: %s" % agent, "Version: 1",
              "Original-Mail-From: <bounces+%s@%s>" % (ob.tok, OUR)]
    if rcpt_field:
        fields.append("Original-Rcpt-To: <%s>" % contact[2])
    fields += ["Arrival-Date: %s" % rfcdate(ob.date), "Reported-Domain: %s" % OUR, "Source-IP: 192.0.2.25",
               "Authentication-Results: mta.%s; spf=pass smtp.mailfrom=%s; dkim=pass header.d=%s" % (provider, OUR, OUR)]
    if feedback == "auth-failure":
        fields += ["Auth-Failure: dmarc", "Delivery-Result: reject"]
    parts = [Part("text/plain", text.format(date=rfcdate(ob.date)), "us-ascii"),
             Part("message/feedback-report", raw=("\n".join(fields) + "\n").encode()),
             Part("message/rfc822", raw=ob.as_bytes(), disposition="inline")]
    hdrs = [("Received", "from fbl.%s (fbl.%s [198.51.100.200])\n\tby mx1.%s (Postfix) with ESMTPS id %s;\n\t%s"
             % (provider, provider, OUR, h(name, 10).upper(), rfcdate(date))),
            ("Date", rfcdate(date)), ("From", frm), ("To", "fbl@" + OUR), ("Subject", subj),
            ("Message-ID", mid(folder + name, "fbl.%s.example" % provider))]
    part = Part("multipart/report", children=parts, params=[("report-type", "feedback-report")])
    lab = {"kind": kind}
    if kind == "opt_out":
        lab.update({"contact": contact[2], "reason": reason})
    emit(folder, name, message(hdrs, part, folder + name), lab, style, "en")


def list_unsubscribe(folder, name, lang, body, subject="Unsubscribe", agent=None, style="lf", charset="utf-8"):
    contact = person(lang)
    date = CLOCK.next(TZ.get(lang, 0))
    ob = Outbound(lang, contact, date - dt.timedelta(days=2))
    target = "unsubscribe+%s@%s" % (ob.tok, OUR)
    hdrs = received_chain(folder + name, domain_of(contact[2]), contact[2], target, date, "google")
    hdrs += [("Date", rfcdate(date)), ("From", addr("%s %s" % contact[:2], contact[2])), ("To", target),
             ("Subject", subject), ("Message-ID", mid(folder + name, domain_of(contact[2])))]
    if agent:
        hdrs.append(("X-Mailer", agent))
    cte = "quoted-printable" if any(ord(c) > 127 for c in body) else "7bit"
    emit(folder, name, message(hdrs, Part("text/plain", body, charset, cte), folder + name),
         {"kind": "opt_out", "contact": contact[2], "reason": "list_unsubscribe"}, style, lang)


# ================================================================ opt-outs/
def opt_outs():
    F = "opt-outs"
    O = "opt_out"
    # --- bare keywords
    reply(F, "en-bare-unsubscribe.eml", "en", "unsubscribe", kind=O)
    reply(F, "en-bare-stop-caps.eml", "en", "STOP", kind=O, mobile="en", quote="gt-tight")
    reply(F, "en-bare-remove.eml", "en", "Remove", kind=O, quote="outlook", style="crlf")
    reply(F, "en-subject-only.eml", "en", "", kind=O, subject="Unsubscribe", quote="gt")
    reply(F, "en-remove-me-html.eml", "en", "Remove me.", kind=O, html="gmail")
    # --- English clauses
    reply(F, "en-remove-from-list.eml", "en", "Please remove me from your mailing list. I never signed up for this.", kind=O, quote="orig")
    reply(F, "en-stop-emailing.eml", "en", "Stop emailing me. This is the fourth message in two weeks.\n\n{first}", kind=O, style="cr")
    reply(F, "en-do-not-contact.eml", "en", "Hi,\n\nWe are not interested. Do not contact me again, and please delete my details from your CRM.\n\nRegards,\n{full}", kind=O, html="outlook")
    reply(F, "en-take-me-off.eml", "en", "take me off your list pls", kind=O, mobile="en", quote="gt-tight")
    reply(F, "en-not-interested-remove.eml", "en", "Not interested, please remove me from future emails.\n\nThanks", kind=O, quote="outlook", sig="{full}\nOperations Director")
    reply(F, "en-gdpr-erasure.eml", "en", "Under GDPR I ask you to erase my personal data and stop all further marketing email to this address.\n\n{full}", kind=O, html="word")
    # --- German
    reply(F, "de-austragen.eml", "de", "Bitte nehmen Sie mich aus Ihrem Verteiler.\n\nDanke\n{full}", kind=O, charset="iso-8859-1", cte="quoted-printable")
    reply(F, "de-keine-weiteren-mails.eml", "de", "Guten Tag,\n\nich möchte keine weiteren E-Mails von Ihnen erhalten. Bitte löschen Sie meine Adresse.\n\nMit freundlichen Grüßen\n{full}", kind=O, quote="outlook", charset="windows-1252", cte="quoted-printable")
    reply(F, "de-abmelden-kurz.eml", "de", "Abmelden", kind=O, mobile="de", quote="gt-tight", style="crlf")
    reply(F, "de-werbewiderspruch.eml", "de", "Ich widerspreche hiermit der Nutzung meiner Daten zu Werbezwecken. Kontaktieren Sie mich nicht mehr.\n\n{full}", kind=O, html="word")
    # --- French
    reply(F, "fr-desinscription.eml", "fr", "Merci de me retirer de votre liste de diffusion.\n\n{full}", kind=O, charset="iso-8859-1", cte="quoted-printable")
    reply(F, "fr-ne-plus-contacter.eml", "fr", "Bonjour,\n\nJe ne souhaite plus être contacté. Merci de ne plus m'écrire.\n\nCordialement,\n{full}", kind=O, quote="outlook")
    reply(F, "fr-desabonnez-moi.eml", "fr", "Désabonnez-moi svp", kind=O, mobile="fr", quote="gt-tight", style="cr")
    # --- Spanish
    reply(F, "es-darme-de-baja.eml", "es", "Por favor, darme de baja de esta lista.\n\nGracias.", kind=O, charset="iso-8859-1", cte="quoted-printable")
    reply(F, "es-no-me-escribas.eml", "es", "Hola,\n\nNo me escribáis más, por favor. Eliminad mi correo de vuestra base de datos.\n\n{full}", kind=O, html="gmail")
    reply(F, "es-baja-subject.eml", "es", "", kind=O, subject="BAJA", quote="gt")
    # --- Dutch
    reply(F, "nl-uitschrijven.eml", "nl", "Graag uitschrijven.\n\n{first}", kind=O)
    reply(F, "nl-haal-me-van-lijst.eml", "nl", "Goedemorgen,\n\nHaal mij alstublieft van uw mailinglijst. Ik wil geen e-mails meer ontvangen.\n\nMet vriendelijke groet,\n{full}", kind=O, quote="outlook", style="crlf")
    reply(F, "nl-stuur-geen-mail.eml", "nl", "Stuur me geen mails meer aub", kind=O, mobile="nl", quote="gt-tight")
    # --- Portuguese
    reply(F, "pt-remover-lista.eml", "pt", "Por favor, removam-me da vossa lista de contactos.\n\n{full}", kind=O, charset="iso-8859-1", cte="quoted-printable")
    reply(F, "pt-nao-quero-receber.eml", "pt", "Olá,\n\nNão quero receber mais e-mails da vossa empresa. Obrigado.\n\n{first}", kind=O, html="outlook")
    reply(F, "pt-descadastrar.eml", "pt", "Descadastrar", kind=O, mobile="pt", quote="gt-tight", style="cr")
    # --- Italian
    reply(F, "it-cancellatemi.eml", "it", "Vi prego di cancellarmi dalla vostra lista.\n\n{full}", kind=O, charset="iso-8859-15", cte="quoted-printable")
    reply(F, "it-non-contattatemi.eml", "it", "Buongiorno,\n\nnon sono interessato e vi chiedo di non contattarmi più.\n\nSaluti,\n{full}", kind=O, quote="outlook")
    reply(F, "it-disiscrivimi.eml", "it", "Disiscrivimi, grazie.", kind=O, mobile="it", quote="gt-tight")
    # --- spam complaints (ARF) and List-Unsubscribe mailbox
    arf(F, "arf-yahoo-abuse.eml", "yahoo", ("Ryan", "Foster", "rfoster@example.net"))
    arf(F, "arf-aol-abuse.eml", "aol", ("Sophie", "Martin", "sophie.martin@cabinet-arnaud.example"), lang="fr", style="crlf")
    arf(F, "arf-comcast-abuse.eml", "comcast", ("Aisha", "Bello", "aisha.bello@cobaltlabs.example"))
    arf(F, "arf-spamcop.eml", "generic", ("Pablo", "Gil", "pgil@mediterranea-tech.example"), lang="es")
    arf(F, "arf-jmrp-no-rcpt-field.eml", "microsoft", ("Andrea", "Fuchs", "a.fuchs@fuchs-partner.example"), lang="de", rcpt_field=False)
    list_unsubscribe(F, "list-unsubscribe-gmail.eml", "en", "This message was automatically generated by Gmail.\n")
    list_unsubscribe(F, "list-unsubscribe-apple-mail.eml", "de", "Diese Nachricht wurde von Mail gesendet, um die Abmeldung von dieser Mailingliste zu beantragen.\n", subject="unsubscribe", agent="Apple Mail (2.3826.300.87.4.3)", charset="iso-8859-1")
    list_unsubscribe(F, "list-unsubscribe-empty.eml", "fr", "\n", subject="unsubscribe", style="cr")


# ================================================================ traps/ — look like opt-outs or auto-replies, are not (and the reverse)
def traps():
    F = "traps"
    # footer of our own mail only in the quoted history
    reply(F, "footer-quoted-en.eml", "en", "Yes please, send the case study over.\n\n{first}", quote="gt")
    reply(F, "footer-quoted-de.eml", "de", "Gerne, schicken Sie mir die Unterlagen.\n\nViele Grüße\n{full}", quote="gt", charset="iso-8859-1", cte="8bit")
    reply(F, "footer-quoted-fr-outlook.eml", "fr", "Bonjour {rep},\n\nOui, appelons-nous mardi.\n\n{first}", quote="outlook")
    reply(F, "footer-quoted-html-apple.eml", "nl", "Hoi {rep},\n\nStuur maar een uitnodiging voor volgende week.\n\n{first}", html="apple")
    reply(F, "own-signature-unsubscribe.eml", "en", "Happy to look at this. Send me a calendar link.\n\n{first}", sig="{full} | Marketing Lead\nYou are receiving this because you emailed our team. To unsubscribe from our marketing emails, visit https://{domain}/prefs")
    # mentions of unsubscribing that are not requests
    reply(F, "mention-how-do-i-unsubscribe-newsletter.eml", "en", "Quick one: how do I unsubscribe from your newsletter? I get the product updates twice a week.\nYour emails about the pilot are fine though, keep those coming.\n\n{first}")
    reply(F, "mention-dont-unsubscribe-me.eml", "en", "Please don't unsubscribe me, I've just moved teams. I'm still the right contact for this.\n\n{first}", quote="outlook")
    reply(F, "mention-i-didnt-unsubscribe.eml", "en", "I didn't unsubscribe, so why did your emails stop? I was reading them.\n\n{first}", mobile="en")
    reply(F, "mention-de-newsletter-abmelden.eml", "de", "Wie kann ich mich von Ihrem Newsletter abmelden? Ihre persönlichen Nachrichten zum Projekt dürfen Sie mir aber gern weiter schicken.\n\n{full}", quote="outlook", charset="iso-8859-15", cte="quoted-printable")
    reply(F, "mention-es-baja-boletin.eml", "es", "¿Cómo me doy de baja del boletín mensual? Lo de la demo sí me interesa, hablamos el jueves.\n\n{first}")
    reply(F, "mention-nl-afmelden-nieuwsbrief.eml", "nl", "Hoe meld ik me af voor de nieuwsbrief? Jouw mails over de demo mag je blijven sturen.\n\n{first}", style="crlf")
    reply(F, "mention-it-non-cancellatemi.eml", "it", "Non cancellatemi dalla lista: ho solo cambiato indirizzo, d'ora in poi scrivetemi qui.\n\n{first}", quote="outlook")
    reply(F, "mention-pt-nao-cancelar.eml", "pt", "Não quero cancelar a subscrição, só mudar o e-mail de contacto para este.\n\n{first}")
    reply(F, "mention-fr-pas-desinscrire.eml", "fr", "Ne me désinscrivez pas, je change simplement de poste. Mon collègue reprendra le dossier, mais gardez-moi en copie.\n\n{first}", charset="windows-1252", cte="8bit", style="cr")
    # objections and timing
    reply(F, "objection-next-quarter.eml", "en", "Not interested right now, we just signed a two-year contract with another vendor. Try me next quarter.\n\n{first}")
    reply(F, "objection-hiring-freeze.eml", "en", "Timing's bad, we're in a hiring freeze until Q2. Ping me in April?", mobile="en-ios", quote="gt-tight")
    reply(F, "objection-de-kein-bedarf.eml", "de", "Aktuell kein Bedarf. Melden Sie sich gern im zweiten Quartal wieder.\n\nGruß\n{first}", charset="iso-8859-1", cte="quoted-printable")
    reply(F, "objection-fr-pas-maintenant.eml", "fr", "Pas pour le moment, nous avons d'autres priorités. Recontactez-moi en mars.\n\n{first}", quote="outlook")
    reply(F, "objection-es-ahora-no.eml", "es", "Ahora mismo no nos interesa, pero escríbeme en enero y lo vemos.\n\n{first}", html="gmail")
    reply(F, "objection-nl-geen-interesse-nu.eml", "nl", "Op dit moment geen interesse, probeer het volgend kwartaal nog eens.\n\n{first}")
    reply(F, "objection-pt-proximo-trimestre.eml", "pt", "Neste momento não temos interesse. Volte a falar comigo no próximo trimestre.\n\n{first}", quote="outlook", style="crlf")
    reply(F, "objection-it-tra-qualche-mese.eml", "it", "Al momento non siamo interessati, riprovi tra qualche mese.\n\n{first}", charset="iso-8859-1", cte="quoted-printable")
    # referrals
    reply(F, "referral-talk-to.eml", "en", "I'm not the right person for this. Talk to Marcus Bell, he runs sales ops: marcus@bellandhart.example\n\n{first}")
    reply(F, "referral-remove-colleague-from-thread.eml", "en", "Please remove Jane from this thread, she left the company last month. I'll be your contact from now on.\n\n{full}", quote="outlook")
    reply(F, "referral-de-zustaendig.eml", "de", "Dafür bin ich nicht zuständig. Bitte wenden Sie sich an Frau Fuchs (a.fuchs@fuchs-partner.example).\n\n{full}", quote="outlook")
    reply(F, "referral-fr-bonne-personne.eml", "fr", "Je ne suis pas la bonne personne. Contactez plutôt Sophie Martin, elle gère les outils commerciaux.\n\n{first}")
    reply(F, "referral-es-persona-adecuada.eml", "es", "No soy la persona adecuada, habla con Pablo Gil (pgil@mediterranea-tech.example).\n\n{first}", quote="outlook")
    reply(F, "referral-pt-pessoa-certa.eml", "pt", "Não sou a pessoa certa; fale com a Mariana Almeida, que trata das ferramentas de vendas.\n\n{first}")
    reply(F, "referral-it-persona-giusta.eml", "it", "Non sono la persona giusta, scriva a Chiara Marino: chiara.marino@veneta-impianti.example\n\n{first}", html="thunderbird")
    reply(F, "referral-nl-juiste-persoon.eml", "nl", "Ik ben niet de juiste persoon, neem contact op met Ruben Mulder.\n\n{first}")
    # words that look like keywords
    reply(F, "stop-by-booth.eml", "en", "Please stop by our booth (B14) at the trade fair next week, would love to chat in person.\n\n{first}")
    reply(F, "subject-stop-losing-replies.eml", "en", "Sure, Thursday works.", pitch=1, mobile="en", quote="gt-tight")
    reply(F, "subject-remove-the-guesswork.eml", "en", "Send the video, I'll watch it tonight.\n\n{first}", pitch=2)
    reply(F, "dont-stop-the-sequence.eml", "en", "No need to stop the sequence, I read all of them. Just busy. Let's talk in December.\n\n{first}")
    reply(F, "human-subject-out-of-office.eml", "en", "I'm out of office tomorrow, can we do the call today at 4 instead?\n\n{first}", subject="Out of office tomorrow - can we talk today?")

    # reason wins over status class
    bounce(F, "temporary-status-but-user-unknown.eml", "postfix", [R("d.moreno@example.com", "4.1.1", "userunknown", True, "450 4.1.1 <d.moreno@example.com>: Recipient address rejected: User unknown in local recipient table", action="delayed")], delayed=True)
    bounce(F, "rate-limit-with-5.1.1.eml", "postfix", [R("hello@lumenworks.example", "5.1.1", "speeding", False, "550 5.1.1 Sending rate limit exceeded for 192.0.2.25, please slow down and try again later")])
    # bounces forwarded inline by a person
    fwd_bounce(F, "forwarded-bounce-gmail.eml", "en", R("s.whitfield@example.net", "5.1.1", "userunknown", True, "550 5.1.1 <s.whitfield@example.net>: Recipient address rejected: User unknown in virtual mailbox table"),
               "Hi team,\n\nThis one bounced, Sarah seems to have left. Can someone pull her from the sequence?\n\nAnna", "gmail")
    fwd_bounce(F, "forwarded-bounce-outlook-de.eml", "de", R("f.weber@weber-maschinenbau.example", "5.1.1", "userunknown", True, "550 5.1.1 <f.weber@weber-maschinenbau.example>: Recipient address rejected: User unknown"),
               "Hallo zusammen,\n\ndie Adresse von Herrn Weber gibt es nicht mehr, siehe unten.\n\nGruß\nLukas", "outlook")
    # auto-replies that say "do not contact me until …", or carry an unsubscribe footer
    autoreply(F, "ooo-do-not-contact-until-en.eml", "en", "Automatic reply: {subj}",
              "I am on sabbatical. Please do not contact me until 11 January 2027; messages sent before then will not be read.",
              OUTLOOK_OOO, when("2026-11-17 09:00", 0), return_date="2027-01-11")
    autoreply(F, "ooo-nicht-kontaktieren-vor-de.eml", "de", "Automatische Antwort: {subj}",
              "Ich bin in Elternzeit. Bitte kontaktieren Sie mich nicht vor dem 4. Januar 2027.\nIhre Nachricht wird nicht weitergeleitet.",
              OUTLOOK_OOO, when("2026-11-18 10:20", 1), return_date="2027-01-04")
    autoreply(F, "ooo-ne-pas-recontacter-fr.eml", "fr", "Réponse automatique : {subj}",
              "Je suis en congé. Merci de ne pas me recontacter avant le 5 janvier : les messages reçus d'ici là ne seront pas lus.",
              AUTO, when("2026-11-24 08:45", 1), return_date="2027-01-05", style="crlf")
    autoreply(F, "ooo-with-marketing-footer.eml", "en", "Out of Office: {subj}",
              "Thanks for your email. I'm out until Wednesday, December 2, and will reply when I'm back.\n\n--\nCobalt Labs | Unsubscribe from Cobalt Labs marketing emails: https://cobaltlabs.example/unsubscribe",
              [("X-Autoreply", "yes"), ("Auto-Submitted", "auto-replied")], when("2026-11-25 13:00", -5), return_date="2026-12-02",
              contact=("Aisha", "Bello", "aisha.bello@cobaltlabs.example"))
    autoreply(F, "ooo-es-no-contactar-hasta.eml", "es", "Respuesta automática: {subj}",
              "Estoy de baja por paternidad. Por favor, no me contactes hasta el 8 de enero de 2027.",
              OUTLOOK_OOO, when("2026-11-16 09:00", 1), return_date="2027-01-08")
    # a bounce whose returned original carries our unsubscribe footer and List-Unsubscribe header
    bounce(F, "bounce-original-has-unsubscribe.eml", "postfix", [R("j.vandijk@grachtlogistiek.example", "5.1.1", "userunknown", True, "550 5.1.1 <j.vandijk@grachtlogistiek.example>: Recipient address rejected: User unknown in local recipient table")], lang="nl")
    bounce(F, "bounce-exim-original-has-unsubscribe.eml", "exim", [R("elodie@vinsdelaloire.example", "5.1.1", "userunknown", True, "550 5.1.1 <elodie@vinsdelaloire.example>: Recipient address rejected: User unknown")], lang="fr")


# ================================================================ other/ — neither a person's answer nor a bounce nor an opt-out
def simple(folder, name, date, frm, to, subject, part, extra=(), label=None, style="lf", provider="postfix", lang="en"):
    seed = folder + name
    sender = frm.split("<")[-1].rstrip(">")
    hdrs = received_chain(seed, domain_of(sender), sender, to.split("<")[-1].rstrip(">"), date, provider)
    hdrs += [("Date", rfcdate(date)), ("From", frm), ("To", to), ("Subject", subject), ("Message-ID", mid(seed, domain_of(sender)))]
    hdrs += list(extra)
    emit(folder, name, message(hdrs, part, seed), label or {"kind": "other"}, style, lang)


def success_dsn(folder, name, action, contact, lang="en", style="lf"):
    date = CLOCK.next(0)
    ob = Outbound(lang, contact, date - dt.timedelta(minutes=4))
    rc = R(contact[2], "2.0.0", None, False, "250 2.0.0 Ok: queued as %s" % h(name, 10).upper(), action=action)
    words = {"delivered": ("Successful Mail Delivery Report", "Your message was successfully delivered to the destination(s)\nlisted below. If the message was delivered to mailbox you will\nreceive no further notifications. Otherwise you may still receive\nnotifications of mail delivery errors from other systems.\n"),
             "relayed": ("Return receipt", "Your message was successfully relayed to a mail system that does not\nsupport delivery status notifications. You will receive no further\nnotification from this system.\n"),
             "expanded": ("Successful Mail Delivery Report", "Your message was delivered to the mailing list below, which expanded\nit to its members.\n")}[action]
    text = "This is the mail system at host mail.%s.\n\n%s\n                   The mail system\n\n<%s>: %s\n" % (OUR, words[1], contact[2], rc["diag"])
    parts = [Part("text/plain", text, "us-ascii"), dsn("mail." + OUR, [rc], ob.date), original(ob, "headers")]
    hdrs = envelope(date, folder + name, "MAILER-DAEMON@mail.%s (Mail Delivery System)" % OUR, ob.rep_email, words[0])
    emit(folder, name, message(hdrs, report(parts, name), folder + name), {"kind": "other"}, style, "en")


MDN_WORDS = {"en": ("Read: ", "Your message\n\n  To: {to}\n  Subject: {subj}\n  Sent: {sent}\n\nwas read on {read}.\n"),
             "de": ("Gelesen: ", "Ihre Nachricht\n\n  An: {to}\n  Betreff: {subj}\n  Gesendet: {sent}\n\nwurde am {read} gelesen.\n"),
             "fr": ("Lu : ", "Votre message\n\n  À : {to}\n  Objet : {subj}\n  Envoyé : {sent}\n\na été lu le {read}.\n"),
             "es": ("Leído: ", "Su mensaje\n\n  Para: {to}\n  Asunto: {subj}\n  Enviado: {sent}\n\nse leyó el {read}.\n"),
             "nl": ("Gelezen: ", "Uw bericht\n\n  Aan: {to}\n  Onderwerp: {subj}\n  Verzonden: {sent}\n\nis gelezen op {read}.\n"),
             "pt": ("Lida: ", "A sua mensagem\n\n  Para: {to}\n  Assunto: {subj}\n  Enviada: {sent}\n\nfoi lida em {read}.\n"),
             "it": ("Letto: ", "Il messaggio\n\n  A: {to}\n  Oggetto: {subj}\n  Inviato: {sent}\n\nè stato letto il {read}.\n")}


def read_receipt(folder, name, lang, style="lf"):
    contact = person(lang)
    date = CLOCK.next(TZ[lang])
    ob = Outbound(lang, contact, date - dt.timedelta(hours=2))
    prefix, text = MDN_WORDS[lang]
    text = text.format(to=contact[2], subj=ob.subject, sent=rfcdate(ob.date), read=rfcdate(date))
    mdn = ("Reporting-UA: %s; Microsoft Exchange Server\nFinal-Recipient: rfc822;%s\nOriginal-Message-ID: <%s>\n"
           "Disposition: manual-action/MDN-sent-manually; displayed\n" % (domain_of(contact[2]), contact[2], ob.message_id))
    part = Part("multipart/report", params=[("report-type", "disposition-notification")], children=[
        Part("text/plain", text, "utf-8", "quoted-printable"),
        Part("message/disposition-notification", raw=mdn.encode()), original(ob, "headers")])
    simple(folder, name, date, addr("%s %s" % contact[:2], contact[2]), addr(ob.rep_name, ob.rep_email), enc_words(prefix + ob.subject), part,
           [("In-Reply-To", "<%s>" % ob.message_id)], style=style, provider="outlook", lang=lang)


def others():
    F = "other"
    success_dsn(F, "dsn-delivered-postfix.eml", "delivered", ("Grace", "Lin", "grace.lin@example.com"))
    success_dsn(F, "dsn-delivered-de.eml", "delivered", ("Tobias", "Lange", "tobias.lange@alpenblick-software.example"), lang="de", style="crlf")
    success_dsn(F, "dsn-relayed.eml", "relayed", ("Matteo", "Ricci", "matteo.ricci@example.net"), lang="it")
    success_dsn(F, "dsn-expanded-list.eml", "expanded", ("Sales", "Team", "sales@polderdata.example"), lang="nl", style="cr")
    read_receipt(F, "read-receipt-en.eml", "en")
    read_receipt(F, "read-receipt-de-gelesen.eml", "de")
    read_receipt(F, "read-receipt-fr-lu.eml", "fr", style="cr")
    read_receipt(F, "read-receipt-es-leido.eml", "es")
    read_receipt(F, "read-receipt-nl-gelezen.eml", "nl", style="crlf")
    read_receipt(F, "read-receipt-pt-lida.eml", "pt")
    read_receipt(F, "read-receipt-it-letto.eml", "it")
    # newsletters and notifications to our reps
    nl_text = ("SaaS Growth Weekly, issue 212\n\nThis week: why reply rates drop in December, three subject lines that still work,\n"
               "and a teardown of a 9-step outbound sequence.\n\nRead online: https://growthweekly.example/212\n\n"
               "You are receiving this because you subscribed at growthweekly.example.\nUnsubscribe: https://growthweekly.example/unsub?u=anna\n")
    simple(F, "newsletter-en-bulk.eml", CLOCK.next(0), "SaaS Growth Weekly <news@growthweekly.example>", "anna@" + OUR,
           "Issue 212: December reply rates", Part("text/plain", nl_text, "utf-8", "7bit"),
           [("Precedence", "bulk"), ("List-Id", "SaaS Growth Weekly <weekly.growthweekly.example>"),
            ("List-Unsubscribe", "<https://growthweekly.example/unsub?u=anna>, <mailto:leave@growthweekly.example>"),
            ("X-Auto-Response-Suppress", "OOF, AutoReply")])
    de_text = ("Hallo Lukas,\n\ndie Anmeldung für den Vertriebskongress Hamburg 2027 ist eröffnet. Frühbucher sparen bis 15. Januar 20 %.\n\n"
               "Jetzt anmelden: https://vertriebskongress.example/anmeldung\n\nSie erhalten diesen Newsletter, weil Sie sich dafür angemeldet haben.\n"
               "Abmelden: https://vertriebskongress.example/abmelden\n")
    simple(F, "newsletter-de-kongress.eml", CLOCK.next(1), "Vertriebskongress <newsletter@vertriebskongress.example>", "lukas@" + OUR,
           enc_words("Frühbucherrabatt für den Vertriebskongress 2027"), Part("text/plain", de_text, "iso-8859-1", "quoted-printable"),
           [("Precedence", "list"), ("List-Unsubscribe", "<https://vertriebskongress.example/abmelden>")], style="crlf", lang="de")
    fr_html = ("<html><body><h1>Webinaire : prospection en 2027</h1><p>Bonjour Claire,</p><p>Rejoignez-nous le 10 décembre pour notre webinaire "
               "sur la prospection multicanale.</p><p><a href=\"https://prospecta.example/webinaire\">Je m'inscris</a></p>"
               "<p style=\"font-size:11px\">Pour ne plus recevoir nos communications, <a href=\"https://prospecta.example/desinscription\">désinscrivez-vous</a>.</p></body></html>\n")
    simple(F, "newsletter-fr-html.eml", CLOCK.next(1), "Prospecta <info@prospecta.example>", "claire@" + OUR,
           enc_words("Webinaire : la prospection en 2027"), Part("text/html", fr_html, "utf-8", "quoted-printable"),
           [("Precedence", "bulk"), ("List-Unsubscribe", "<https://prospecta.example/desinscription>")], lang="fr")
    inv = ("Hello,\n\nYour invoice INV-2026-1183 for November is now available in the billing portal.\nAmount due: EUR 1,240.00\n\n"
           "This is an automated notification. Replies to this address are not monitored.\n")
    simple(F, "billing-notification-auto-generated.eml", CLOCK.next(0), "Example Cloud Billing <no-reply@billing.examplecloud.example>", "finance@" + OUR,
           "Your November invoice is ready", Part("text/plain", inv, "us-ascii", "7bit"), [("Auto-Submitted", "auto-generated")])
    # a person's mail with an attached message is not a bounce
    c = ("Rachel", "Moore", "rachel.moore@northwind-freight.example")
    ob = Outbound("en", c, CLOCK.next(0))
    fw = Part("multipart/mixed", children=[
        Part("text/plain", "Anna,\n\nAttaching the original email from Northwind that legal asked about, so you have the full headers.\nNo action needed from you.\n\nPeter\n", "utf-8", "7bit"),
        Part("message/rfc822", raw=ob.as_bytes(), disposition='attachment; filename="original-message.eml"')])
    simple(F, "colleague-attached-eml.eml", CLOCK.next(0), "Peter Shaw <peter@%s>" % OUR, "anna@" + OUR, "FW: original email for legal", fw)
    inner = message([("Date", rfcdate(CLOCK.next(1))), ("From", "Buchhaltung <rechnung@spedition-nord.example>"),
                     ("To", "f.weber@weber-maschinenbau.example"), ("Subject", "Rechnung 4471"), ("Message-ID", "<r4471@spedition-nord.example>")],
                    Part("text/plain", "Sehr geehrter Herr Weber,\n\nanbei die Rechnung 4471.\n\nMit freundlichen Gruessen\nBuchhaltung\n", "us-ascii", "7bit"), "inner")
    fw2 = Part("multipart/mixed", children=[
        Part("text/plain", "Hallo Lukas,\n\nwie besprochen die Mail unseres Spediteurs als Anhang, damit Sie sehen, wie die Rechnungen bei uns ankommen.\n\nGruß\nFlorian Weber\n", "iso-8859-1", "quoted-printable"),
        Part("message/rfc822", raw=inner, disposition='attachment; filename="Rechnung 4471.eml"')])
    simple(F, "contact-attached-eml-de.eml", CLOCK.next(1), "Florian Weber <f.weber@weber-maschinenbau.example>", "lukas@" + OUR,
           "Beispiel-Mail wie besprochen", fw2, lang="de")
    # calendar invitations
    def ics(uid, summary, start, org, att):
        return ("BEGIN:VCALENDAR\nPRODID:-//Example Corp//Calendar 1.0//EN\nVERSION:2.0\nMETHOD:REQUEST\nBEGIN:VEVENT\nUID:%s\n"
                "DTSTAMP:20261101T090000Z\nDTSTART:%s\nDTEND:%s\nSUMMARY:%s\nORGANIZER;CN=Organizer:mailto:%s\n"
                "ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:%s\nEND:VEVENT\nEND:VCALENDAR\n"
                % (uid, start, start[:9] + "%02d" % (int(start[9:11]) + 1) + start[11:], summary, org, att))
    cal = Part("multipart/alternative", children=[
        Part("text/plain", "You have been invited to: Pipeline review (weekly)\nWhen: Mondays 10:00-11:00 CET\n", "utf-8", "7bit"),
        Part("text/calendar", ics("pipe-2026@" + OUR, "Pipeline review (weekly)", "20261207T090000Z", "daan@" + OUR, "anna@" + OUR), "utf-8", "7bit", params=[("method", "REQUEST")])])
    simple(F, "calendar-invite-internal.eml", CLOCK.next(1), "Daan Visser <daan@%s>" % OUR, "anna@" + OUR, "Invitation: Pipeline review (weekly)", cal)
    cal2 = Part("multipart/mixed", children=[
        Part("text/plain", "Sie sind eingeladen: Partner-Webinar \"Vertrieb 2027\"\nWann: Do, 10. Dezember 2026, 14:00 MEZ\n", "utf-8", "quoted-printable"),
        Part("text/calendar", ics("webinar-77@events.example", "Partner-Webinar Vertrieb 2027", "20261210T130000Z", "events@events.example", "lukas@" + OUR), "utf-8", "7bit", params=[("method", "REQUEST")],
             disposition='attachment; filename="invite.ics"')])
    simple(F, "calendar-invite-webinar-de.eml", CLOCK.next(1), "Events <events@events.example>", "lukas@" + OUR, enc_words("Einladung: Partner-Webinar „Vertrieb 2027“"), cal2, lang="de")
    # DMARC reports
    zipdata = base64.encodebytes(bytes.fromhex("504b0304" + h("dmarc", 40) * 6)).decode()
    rua = Part("multipart/mixed", children=[
        Part("text/plain", "This is an aggregate report from google.com.\n", "us-ascii", "7bit"),
        Part("application/zip", raw=zipdata.encode(), cte="base64", params=[("name", "google.com!leadfwd-demo.com!1761868800!1761955199.zip")],
             disposition='attachment; filename="google.com!leadfwd-demo.com!1761868800!1761955199.zip"')])
    simple(F, "dmarc-aggregate-report.eml", CLOCK.next(0), "noreply-dmarc-support@google.com", "dmarc@" + OUR,
           "Report domain: leadfwd-demo.com Submitter: google.com Report-ID: 1832716249091845515", rua, provider="google")
    arf(F, "arf-auth-failure.eml", "generic", ("Eva", "Smit", "eva.smit@example.org"), lang="nl", feedback="auth-failure", kind="other")


# ================================================================ multilingual/ — other scripts and charsets
def multilingual():
    F = "multilingual"
    O = "opt_out"
    ja = [("佐藤", "健", "k.sato@sakura-shoji.example"), ("高橋", "美咲", "misaki.takahashi@example.jp.example")]
    reply(F, "ja-reply-iso2022jp.eml", "ja", "{rep}様\n\nご連絡ありがとうございます。来週火曜日の午後でしたら、オンラインでお話しできます。\n\nよろしくお願いいたします。\n佐藤", contact=ja[0], charset="iso-2022-jp", cte="7bit")
    autoreply(F, "ja-ooo-iso2022jp.eml", "ja", "自動返信: {subj}", "誠に勝手ながら、12月4日まで出張のため不在にしております。\n戻り次第、順次ご返信いたします。\n\n高橋 美咲",
              AUTO, when("2026-11-26 10:00", 9), return_date="2026-12-04", contact=ja[1], charset="iso-2022-jp", cte="7bit")
    reply(F, "ja-opt-out.eml", "ja", "今後このようなメールは不要です。配信停止をお願いします。", kind=O, contact=ja[1], charset="iso-2022-jp", cte="7bit", style="crlf")
    reply(F, "ja-objection.eml", "ja", "現在は検討しておりません。来年の春に改めてご連絡ください。\n\n佐藤", contact=ja[0], charset="utf-8", cte="base64")
    ru = [("Иван", "Петров", "i.petrov@volga-trade.example"), ("Ольга", "Смирнова", "olga@severstal-logistika.example")]
    reply(F, "ru-reply-koi8r.eml", "ru", "Здравствуйте, {rep}!\n\nСпасибо за письмо. Давайте созвонимся в четверг в 15:00 по Москве.\n\nС уважением,\nИван Петров", contact=ru[0], charset="koi8-r", cte="8bit")
    autoreply(F, "ru-ooo-koi8r.eml", "ru", "Автоответ: {subj}", "Я в отпуске до 7 декабря. По срочным вопросам пишите на office@severstal-logistika.example.\n\nОльга Смирнова",
              AUTO, when("2026-11-23 11:00", 3), return_date="2026-12-07", contact=ru[1], charset="koi8-r", cte="base64", style="cr")
    reply(F, "ru-opt-out.eml", "ru", "Прошу исключить меня из вашей рассылки и больше мне не писать.", kind=O, contact=ru[0], charset="koi8-r", cte="quoted-printable")
    reply(F, "ru-referral.eml", "ru", "Я не занимаюсь этим вопросом. Напишите, пожалуйста, Ольге Смирновой: olga@severstal-logistika.example\n\nИван", contact=ru[0], charset="utf-8", cte="quoted-printable")
    pl = [("Katarzyna", "Nowak", "k.nowak@wisla-meble.example"), ("Piotr", "Wiśniewski", "piotr.wisniewski@example.pl.example")]
    reply(F, "pl-reply-iso8859-2.eml", "pl", "Dzień dobry,\n\ndziękuję za wiadomość. Chętnie porozmawiam w środę o 10:00.\n\nPozdrawiam\nKatarzyna Nowak", contact=pl[0], charset="iso-8859-2", cte="quoted-printable")
    autoreply(F, "pl-ooo.eml", "pl", "Automatyczna odpowiedź: {subj}", "Dzień dobry,\n\njestem na urlopie. Wracam do biura 1 grudnia 2026 r.\n\nPiotr Wiśniewski",
              OUTLOOK_OOO, when("2026-11-24 09:00", 1), return_date="2026-12-01", contact=pl[1], charset="iso-8859-2", cte="8bit")
    reply(F, "pl-opt-out.eml", "pl", "Proszę usunąć mój adres z Państwa listy mailingowej i nie wysyłać więcej wiadomości.", kind=O, contact=pl[1], charset="iso-8859-2", cte="quoted-printable", style="crlf")
    sv = [("Johan", "Berg", "johan.berg@skargard-it.example"), ("Maja", "Lund", "maja.lund@example.se.example")]
    reply(F, "sv-objection.eml", "sv", "Hej {rep},\n\nInte aktuellt just nu, hör av dig efter nyår.\n\nJohan", contact=sv[0], charset="iso-8859-1", cte="8bit")
    autoreply(F, "sv-franvaro.eml", "sv", "Frånvaromeddelande: {subj}", "Hej!\n\nJag är tjänstledig och tillbaka måndag 30 november.\n\nMaja Lund",
              AUTO, when("2026-11-20 08:30", 1), return_date="2026-11-30", contact=sv[1], charset="iso-8859-1", cte="quoted-printable")
    reply(F, "sv-opt-out.eml", "sv", "Avregistrera mig, tack. Jag vill inte få fler mejl.", kind=O, contact=sv[1], charset="iso-8859-1", cte="8bit")
    zh = [("王", "伟", "wang.wei@changjiang-tech.example"), ("李", "娜", "li.na@example.cn.example")]
    reply(F, "zh-reply-gb2312.eml", "zh", "{rep} 您好，\n\n谢谢您的来信。我们对这个产品很感兴趣，下周三下午方便通话吗？\n\n王伟", contact=zh[0], charset="gb2312", cte="base64")
    autoreply(F, "zh-ooo-gb2312.eml", "zh", "自动回复: {subj}", "您好，我目前休假中，将于12月7日返回办公室。如有急事请联系 wang.wei@changjiang-tech.example。\n\n李娜",
              AUTO, when("2026-11-26 09:00", 8), return_date="2026-12-07", contact=zh[1], charset="gb2312", cte="base64")
    reply(F, "zh-opt-out.eml", "zh", "请不要再给我发邮件了，退订。", kind=O, contact=zh[1], charset="gb2312", cte="base64", style="cr")


# ================================================================ samples/mailbox — a Maildir for the quick start
MAILBOX_CONTACTS = [
    # email, first, last, company, tags, language
    ("rachel.moore@northwind-freight.example", "Rachel", "Moore", "Northwind Freight", "q4;logistics;enterprise", "en"),
    ("dchen@example.com", "David", "Chen", "Example Inc", "q4;saas", "en"),
    ("priya@brightpath.example", "Priya", "Raman", "BrightPath", "q4;saas;smb", "en"),
    ("ogrant@tallow-systems.example", "Oliver", "Grant", "Tallow Systems", "q4;enterprise", "en"),
    ("k.vogel@brandt-logistik.example", "Katrin", "Vogel", "Brandt Logistik GmbH", "q4;dach;logistics", "de"),
    ("m.adeyemi@cobaltlabs.example", "Michael", "Adeyemi", "Cobalt Labs", "q4;saas", "en"),
    ("ethan.brooks@quarrylane.example", "Ethan", "Brooks", "Quarry Lane", "q4;smb", "en"),
    ("camille.lefevre@atelier-morel.example", "Camille", "Lefèvre", "Atelier Morel", "q4;france", "fr"),
    ("lucia.fernandez@grupo-iberica.example", "Lucía", "Fernández", "Grupo Ibérica", "q4;iberia", "es"),
    ("rfoster@example.net", "Ryan", "Foster", "Example Networks", "q4;smb", "en"),
    ("sanne.devries@polderdata.example", "Sanne", "de Vries", "Polderdata B.V.", "q4;benelux", "nl"),
    ("miriam.schaefer@example.org", "Miriam", "Schäfer", "Example e.V.", "q4;dach", "de"),
    ("giulia.romano@tessuti-como.example", "Giulia", "Romano", "Tessuti Como S.p.A.", "q4;italy;manufacturing", "it"),
    ("joao.ferreira@atlantico-seguros.example", "João", "Ferreira", "Atlântico Seguros", "q4;iberia;insurance", "pt"),
    ("megan.price@example.org", "Megan", "Price", "Example Org", "q4;nonprofit", "en"),
    ("grace.lin@example.com", "Grace", "Lin", "Example Inc", "q4;saas", "en"),
    ("tobias.lange@alpenblick-software.example", "Tobias", "Lange", "Alpenblick Software", "q4;dach;saas", "de"),
    ("nicolas.garnier@example.net", "Nicolas", "Garnier", "Example Networks", "q4;france", "fr"),
    ("matteo.ricci@example.net", "Matteo", "Ricci", "Example Networks", "q4;italy", "it"),
    ("tiago.r@portomar.example", "Tiago", "Rodrigues", "Portomar", "q4;iberia;logistics", "pt"),
]
SEQ_START = dt.datetime(2026, 11, 16, 8, 0, tzinfo=tz(0))
MAILBOX = []     # (subfolder, name, bytes, expectation)


def mailbox():
    import csv
    import io
    base = os.path.join(HERE, "..", "samples")
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["email", "first_name", "last_name", "company", "tags"])
    lines = []
    for n, (email, first, last, company, tags, lang) in enumerate(MAILBOX_CONTACTS, 1):
        w.writerow([email, first, last, company, tags])
        sent = SEQ_START + dt.timedelta(minutes=7 * n)
        FIXED_OUTBOUND[email] = ("seq-step1-%d@%s" % (n, OUR), sent.astimezone(tz(TZ[lang])))
        lines.append(json.dumps({"contact": email, "sequence": "Q4 Outreach", "step": 1, "message_id": FIXED_OUTBOUND[email][0],
                                 "sent_at": sent.strftime("%Y-%m-%dT%H:%M:%SZ")}, ensure_ascii=False))
    with open(os.path.join(base, "contacts.csv"), "w", encoding="utf-8") as f:
        f.write(out.getvalue())
    with open(os.path.join(base, "outbound.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    C = {c[0]: (c[1], c[2], c[0]) for c in MAILBOX_CONTACTS}
    KNOWN.update(C)
    F = "mailbox"
    d = lambda day, hm, off=0: when("2026-11-%02d %s" % (day, hm), off)
    reply(F, "01-reply-rachel.eml", "en", "Hi {rep},\n\nYour timing is good: we're reworking how our SDRs split the shared inbox. Could we talk Thursday at 3pm?\n\nRachel",
          contact=C["rachel.moore@northwind-freight.example"], date=d(17, "10:12", -5))
    reply(F, "02-reply-html-david.eml", "en", "Hi {rep},\n\nWhat would this cost for a team of 8 on Google Workspace?\n\nDavid", html="gmail",
          contact=C["dchen@example.com"], date=d(17, "14:40", -8))
    reply(F, "03-reply-from-assistant-for-priya.eml", "en", "Hello,\n\nI manage Priya's calendar. She would like to see a demo; does Tuesday 1 December at 11:00 work?\n\nNadia Khan\nExecutive Assistant to Priya Raman",
          contact=C["priya@brightpath.example"], sender=("Nadia", "Khan", "nadia.khan@brightpath.example"), quote="outlook", date=d(18, "09:05"))
    reply(F, "04-objection-oliver.eml", "en", "Not interested right now, we renewed with our current vendor in October. Try me next quarter.\n\nOliver",
          contact=C["ogrant@tallow-systems.example"], date=d(18, "16:30", -5))
    reply(F, "05-referral-katrin.eml", "de", "Hallo Herr {replast},\n\ndafür bin ich nicht zuständig. Bitte wenden Sie sich an unseren Vertriebsleiter Jens Hoffmann.\n\nViele Grüße\nKatrin Vogel",
          contact=C["k.vogel@brandt-logistik.example"], quote="outlook", charset="iso-8859-1", cte="quoted-printable", date=d(19, "08:50", 1))
    bounce(F, "06-hard-bounce-michael.eml", "postfix", [R("m.adeyemi@cobaltlabs.example", "5.1.1", "userunknown", True,
           "550 5.1.1 <m.adeyemi@cobaltlabs.example>: Recipient address rejected: User unknown in virtual mailbox table")], date=d(16, "08:45"))
    bounce(F, "07-soft-bounce-ethan.eml", "exim", [R("ethan.brooks@quarrylane.example", "5.2.2", "mailboxfull", False, "552 5.2.2 Mailbox full")], date=d(16, "09:02"))
    autoreply(F, "08-ooo-camille.eml", "fr", "Réponse automatique : {subj}",
              "Bonjour,\n\nJe suis absente du bureau et serai de retour le lundi 30 novembre.\n\nCamille Lefèvre", OUTLOOK_OOO, d(16, "10:00", 1),
              return_date="2026-11-30", contact=C["camille.lefevre@atelier-morel.example"])
    reply(F, "09-opt-out-lucia.eml", "es", "Por favor, dadme de baja de vuestra lista. No me interesa.\n\nLucía", kind="opt_out",
          contact=C["lucia.fernandez@grupo-iberica.example"], date=d(17, "12:00", 1))
    arf(F, "10-spam-complaint-ryan.eml", "yahoo", C["rfoster@example.net"], date=d(19, "22:10"))
    list_unsubscribe_to(F, "11-list-unsubscribe-sanne.eml", C["sanne.devries@polderdata.example"], d(18, "07:31", 1))
    autoreply(F, "12-left-company-miriam.eml", "de", "Automatische Antwort: {subj}",
              "Sehr geehrte Damen und Herren,\n\nFrau Schäfer ist nicht mehr in unserem Unternehmen tätig. Dieses Postfach wird nicht mehr abgerufen.\n\nMit freundlichen Grüßen",
              OUTLOOK_OOO, d(16, "11:30", 1), reason="left_company", contact=C["miriam.schaefer@example.org"])
    reply(F, "13-reply-giulia-quoted-footer.eml", "it", "Buongiorno {rep},\n\nsì, mi interessa. Mi mandi pure un invito per la prossima settimana.\n\nGiulia",
          contact=C["giulia.romano@tessuti-como.example"], date=d(20, "11:15", 1))
    read_receipt_for(F, "14-read-receipt-joao.eml", C["joao.ferreira@atlantico-seguros.example"], d(16, "12:20"))
    reply(F, "15-newsletter-question-megan.eml", "en", "How do I unsubscribe from your monthly newsletter? These one-to-one emails are fine, and yes, send me the video.\n\nMegan",
          contact=C["megan.price@example.org"], date=d(21, "18:02", -8))
    stranger = Part("text/plain", "Hi,\n\nI came across your website and noticed a few SEO issues. We can get you to page one of Google in 30 days.\nReply YES for a free audit.\n\nChris Palmer\nRankRocket\n", "us-ascii", "7bit")
    simple(F, "16-stranger-unmatched.eml", d(22, "06:40"), "Chris Palmer <chris@rankrocket.example>", "anna@" + OUR, "Your website", stranger)


def list_unsubscribe_to(folder, name, contact, date):
    ob = Outbound("nl", contact, date)
    target = "unsubscribe+%s@%s" % (ob.tok, OUR)
    hdrs = received_chain(folder + name, domain_of(contact[2]), contact[2], target, date, "google")
    hdrs += [("Date", rfcdate(date)), ("From", addr("%s %s" % contact[:2], contact[2])), ("To", target),
             ("Subject", "Unsubscribe"), ("Message-ID", mid(folder + name, domain_of(contact[2])))]
    emit(folder, name, message(hdrs, Part("text/plain", "This message was automatically generated by Gmail.\n", "utf-8", "7bit"), folder + name),
         {"kind": "opt_out", "contact": contact[2], "reason": "list_unsubscribe"})


def read_receipt_for(folder, name, contact, date):
    ob = Outbound("pt", contact, date)
    prefix, text = "Lida: ", "A sua mensagem\n\n  Para: {to}\n  Assunto: {subj}\n  Enviada: {sent}\n\nfoi lida em {read}.\n"
    text = text.format(to=contact[2], subj=ob.subject, sent=rfcdate(ob.date), read=rfcdate(date))
    mdn = ("Reporting-UA: %s; Microsoft Exchange Server\nFinal-Recipient: rfc822;%s\nOriginal-Message-ID: <%s>\n"
           "Disposition: manual-action/MDN-sent-manually; displayed\n" % (domain_of(contact[2]), contact[2], ob.message_id))
    part = Part("multipart/report", params=[("report-type", "disposition-notification")], children=[
        Part("text/plain", text, "utf-8", "quoted-printable"),
        Part("message/disposition-notification", raw=mdn.encode()), original(ob, "headers")])
    simple(folder, name, date, addr("%s %s" % contact[:2], contact[2]), addr(ob.rep_name, ob.rep_email), enc_words(prefix + ob.subject), part,
           [("In-Reply-To", "<%s>" % ob.message_id)], provider="outlook")


def write_mailbox():
    base = os.path.join(HERE, "..", "samples", "mailbox")
    for sub in ("cur", "new", "tmp"):
        dd = os.path.join(base, sub)
        if os.path.isdir(dd):
            for f in os.listdir(dd):
                if f != ".gitkeep":
                    os.remove(os.path.join(dd, f))
        os.makedirs(dd, exist_ok=True)
    open(os.path.join(base, "tmp", ".gitkeep"), "w").close()
    import email.utils as eu
    for i, (name, data, lab) in enumerate(CORPUS.pop("mailbox", [])):
        date_line = [l for l in data.split(b"\n") if l.startswith(b"Date: ")][0]
        ts = int(eu.parsedate_to_datetime(date_line[6:].decode()).timestamp())
        unique = "M%sP%d" % (h(name, 6), 4100 + i)
        if i % 4 == 3:
            path = os.path.join(base, "new", "%d.%s.leadfwd" % (ts, unique))
        else:
            path = os.path.join(base, "cur", "%d.%s.leadfwd:2," % (ts, unique))
        with open(path, "wb") as f:
            f.write(data)
        MAILBOX.append((os.path.relpath(path, base), name, lab))


# ---------------------------------------------------------------- samples/classify/README.md (counts are computed, prose is ours)

README_HEAD = """# samples/classify — the project's own labelled corpora

Every message here was written for this project (no third-party mail). People, companies and domains are fictional
(`example.com/.org/.net`, `*.example`); our outbound domain is `leadfwd-demo.com`. Provider host names inside bounces
(googlemail.com, amazonses.com, mimecast.com, pphosted.com, …) only imitate the shape of those providers' reports.

The files are generated by `scripts/make-samples.py` (Python 3, standard library only): the text of every message is
written out in that script; the script does the mechanical parts — MIME assembly, charsets, transfer encodings,
RFC 2047 headers, dates, Message-IDs and line endings. `python3 scripts/make-samples.py` reproduces these files byte
for byte (and `samples/mailbox/`, `samples/contacts.csv`, `samples/outbound.jsonl`). Edit the script, not the files.

Run the classifier against them with `leadfwd eval samples/classify/<folder>` (each folder has its own `labels.jsonl`).

## Label format

One JSON object per message in each folder's `labels.jsonl`, the format of `../shared/corpora`:
`{"file", "kind", "recipients"?: [{"address", "hard", "reason", "status"}], "reply_text"?, "contact"?, "return_date"?, "reason"?}`.

Conventions (what a careful person reading the message would decide):

- **reply** — `reply_text` is exactly the newly written text: greeting, body and sign-off name included; the quote
  attribution ("On … wrote:", "Am … schrieb", Outlook header blocks, "-----Original Message-----"), the quoted
  history, `-- ` signature blocks and mobile signatures ("Sent from my iPhone", "Von meinem iPhone gesendet", …)
  excluded. For HTML-only replies it is the visible text of the new part, paragraphs separated by a blank line and
  `<br>` as a line break. `contact` is the sender (From). Objections ("not now, try next quarter"), referrals ("talk to
  X") and mentions of unsubscribing ("how do I unsubscribe from your newsletter?") are replies.
- **auto_reply** — `contact` is the sender. `return_date` (YYYY-MM-DD) only when the text states a day; a date without a
  year takes the year of the Date header, or the next year when that day has already passed; relative days ("back next
  Monday") are resolved from the Date header. When the text gives a return day ("back on 7 December", "wieder im Büro
  ab …", "de retour le …") that day is the label; when it gives only the end of the absence ("out until 4 December",
  "bis einschließlich 27.11.", "tot en met 4 december", "dal 20/11 al 27/11") the stated end day is the label.
  "Has left the company / mailbox no longer monitored" replies carry `"reason": "left_company"` and no return date.
- **hard_bounce / soft_bounce** — `recipients` lists every failed (or delayed) recipient with the RFC 3463 `status`, a
  reason from Sisimai's vocabulary and `hard`. Hard means the address itself is bad (userunknown, hostunknown,
  hasmoved, notaccept); mailbox full, suspended, blocked, bad reputation, spam-detected, filtered, policy, rate limits,
  expired and delayed deliveries are soft. A message is `hard_bounce` when any recipient is hard. `contact` is set
  when exactly one recipient failed. Delivered / relayed / expanded DSNs are `other`.
- **opt_out** — an unsubscribe or do-not-contact request in the new text or the subject (`contact` = sender); an ARF
  spam complaint (`Feedback-Type: abuse`, `contact` = the complaining recipient, `"reason": "complaint"`); mail sent
  to our List-Unsubscribe mailbox `unsubscribe+<token>@leadfwd-demo.com` (`"reason": "list_unsubscribe"`).
- **other** — read receipts, successful DSNs, newsletters and notifications (bulk mail), DMARC reports, ARF
  auth-failure reports, calendar invitations, a person's mail with a message attached.

Every reply, opt-out and auto-reply answers one of our sequence emails (`In-Reply-To`/`References` = its
`<seq-stepN-…@leadfwd-demo.com>` Message-ID), and the quoted or returned original always carries our unsubscribe footer
and `List-Unsubscribe` header — the classic false opt-out trigger.
"""


def write_readme():
    kinds = ["reply", "auto_reply", "hard_bounce", "soft_bounce", "opt_out", "other"]
    langs = ["en", "de", "fr", "es", "nl", "pt", "it", "sv", "da", "fi", "cs", "tr", "pl", "ru", "ja", "zh", "ko"]
    out = [README_HEAD, "## Counts\n", "| folder | " + " | ".join(kinds) + " | total |", "|---" * (len(kinds) + 2) + "|"]
    tot = {k: 0 for k in kinds}
    by_lang = {}
    for folder, items in CORPUS.items():
        row = {k: 0 for k in kinds}
        for name, _, lab in items:
            row[lab["kind"]] += 1
            tot[lab["kind"]] += 1
            l = LANG_OF[folder + "/" + name]
            by_lang.setdefault(l, {k: 0 for k in kinds})[lab["kind"]] += 1
        out.append("| %s/ | %s | %d |" % (folder, " | ".join(str(row[k]) for k in kinds), len(items)))
    out.append("| **all** | %s | **%d** |" % (" | ".join("**%d**" % tot[k] for k in kinds), sum(tot.values())))
    out += ["", "By language of the text a person (or the reporting server) wrote — bounces count as the language of the",
            "notification, so most are English even when the returned original is not:", "",
            "| language | " + " | ".join(kinds) + " | total |", "|---" * (len(kinds) + 2) + "|"]
    for l in langs:
        if l in by_lang:
            r = by_lang[l]
            out.append("| %s | %s | %d |" % (l, " | ".join(str(r[k]) for k in kinds), sum(r.values())))
    out += ["", "## traps/", "",
            "Messages built to catch the usual mistakes; each file name says what it is. Our unsubscribe footer quoted under a",
            "positive reply, the contact's own marketing footer in their signature, mentions (\"how do I unsubscribe from your",
            "newsletter?\", \"don't unsubscribe me\", \"I didn't unsubscribe\"), objections and referrals in all seven languages,",
            "keywords in other senses (\"stop by our booth\", our own subjects \"Stop losing replies…\" / \"Remove the guesswork…\",",
            "a human writing \"Out of office tomorrow\"), out-of-office replies that say \"do not contact me until …\" or carry an",
            "unsubscribe footer, bounces whose returned original carries our footer and List-Unsubscribe header, a 450 4.1.1",
            "user-unknown (hard despite the 4xx), a 5.1.1 rate limit (soft despite the 5.1.1), and bounces forwarded inline by a rep.", ""]
    out += ["- `%s` — %s" % (name, lab["kind"]) for name, _, lab in CORPUS.get("traps", [])]
    out += ["", "## Line endings", "",
            "Most files use LF. These are written with CRLF (%d files):" % len(EOL_FILES["crlf"]), ""]
    out += ["- `%s`" % f for f in EOL_FILES["crlf"] if not f.startswith("mailbox/")]
    out += ["", "and these with CR only (%d files):" % len(EOL_FILES["cr"]), ""]
    out += ["- `%s`" % f for f in EOL_FILES["cr"] if not f.startswith("mailbox/")]
    out += ["", "## Charsets and encodings", "",
            "UTF-8, US-ASCII, ISO-8859-1, ISO-8859-2, ISO-8859-15, Windows-1252, KOI8-R, ISO-2022-JP and GB2312 bodies, in 7bit,",
            "8bit, quoted-printable and base64; non-ASCII subjects and display names as RFC 2047 encoded words (B and Q).", ""]
    with open(os.path.join(CLASSIFY, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(out))


MAILBOX_EXPECT = {
    # sample name: (contact, what it is, effect, final Engagement Status)
    "01-reply-rachel.eml": ("rachel.moore@northwind-freight.example", "plain-text reply, quotes our email", "reply detected", "Responded"),
    "02-reply-html-david.eml": ("dchen@example.com", "HTML reply (Gmail layout)", "reply detected", "Responded"),
    "03-reply-from-assistant-for-priya.eml": ("priya@brightpath.example", "reply written by her assistant nadia.khan@brightpath.example (not a contact); In-Reply-To is Priya's step-1 email", "reply detected, matched through In-Reply-To", "Responded"),
    "04-objection-oliver.eml": ("ogrant@tallow-systems.example", "objection: \"not interested right now, try me next quarter\"", "reply detected (an objection is not an opt-out)", "Responded"),
    "05-referral-katrin.eml": ("k.vogel@brandt-logistik.example", "German referral (\"dafür bin ich nicht zuständig\", Outlook header block)", "reply detected", "Responded"),
    "06-hard-bounce-michael.eml": ("m.adeyemi@cobaltlabs.example", "Postfix DSN, 5.1.1 user unknown", "hard bounce: leaves the sequence, record status Bounced", "Bad Email"),
    "07-soft-bounce-ethan.eml": ("ethan.brooks@quarrylane.example", "Exim bounce, 5.2.2 mailbox full", "soft bounce counted, no status change", "Working"),
    "08-ooo-camille.eml": ("camille.lefevre@atelier-morel.example", "French Outlook out-of-office, back Monday 30 November", "auto-reply recorded with return date 2026-11-30, no status change", "Working"),
    "09-opt-out-lucia.eml": ("lucia.fernandez@grupo-iberica.example", "Spanish reply \"dadme de baja de vuestra lista\"", "opt-out: leaves the sequence", "Do Not Contact"),
    "10-spam-complaint-ryan.eml": ("rfoster@example.net", "ARF spam complaint (Feedback-Type: abuse) for Ryan's step-1 email", "opt-out (complaint): leaves the sequence", "Do Not Contact"),
    "11-list-unsubscribe-sanne.eml": ("sanne.devries@polderdata.example", "mail to our List-Unsubscribe mailbox unsubscribe+<token>@leadfwd-demo.com", "opt-out: leaves the sequence", "Do Not Contact"),
    "12-left-company-miriam.eml": ("miriam.schaefer@example.org", "German auto-reply: she has left the company, mailbox no longer read", "auto-reply recorded with the left-company flag; auto-replies change no status", "Working"),
    "13-reply-giulia-quoted-footer.eml": ("giulia.romano@tessuti-como.example", "Italian positive reply; our unsubscribe footer is only in the quoted text", "reply detected (not an opt-out)", "Responded"),
    "14-read-receipt-joao.eml": ("joao.ferreira@atlantico-seguros.example", "read receipt (MDN) for João's step-1 email", "classified other: nothing changes", "Working"),
    "15-newsletter-question-megan.eml": ("megan.price@example.org", "reply asking how to unsubscribe from the newsletter (a mention, not a request)", "reply detected", "Responded"),
    "16-stranger-unmatched.eml": ("(none)", "cold pitch from chris@rankrocket.example, who is not a contact and answers nothing we sent", "recorded as unmatched; no contact changes", "—"),
}


def write_mailbox_readme():
    base = os.path.join(HERE, "..", "samples", "mailbox")
    rows = []
    for path, name, lab in MAILBOX:
        c, what, effect, final = MAILBOX_EXPECT[name]
        kind = "`%s`" % lab["kind"] if c != "(none)" else "`other` or `reply`"
        rows.append("| `%s` | %s | %s | %s | %s | **%s** |" % (path, name[:2], c, kind, what + "; " + effect, final))
    touched = {v[0]: v[3] for v in MAILBOX_EXPECT.values() if v[0] != "(none)"}
    finals = []
    for email, first, last, company, tags, lang in MAILBOX_CONTACTS:
        finals.append("| %s | %s %s | %s |" % (email, first, last, touched.get(email, "Working")))
    counts = {}
    for email, *_ in MAILBOX_CONTACTS:
        st = touched.get(email, "Working")
        counts[st] = counts.get(st, 0) + 1
    text = """# samples/mailbox — a Maildir for the quick start

A Maildir (`cur/`, `new/`, `tmp/`) with %d inbound messages for the contacts in `../contacts.csv`. Every contact is
assumed to have been imported, enrolled in the sequence "Q4 Outreach", processed (status Working) and sent step 1 before
the mailbox is read; `../outbound.jsonl` lists those step-1 emails with their Message-IDs
(`seq-step1-<n>@leadfwd-demo.com`, n = row of the contact in contacts.csv), and the replies point at them with
`In-Reply-To` / `References`. Bounces, the complaint and the read receipt carry the original (or its headers) with the same
Message-ID. `tags` in contacts.csv are separated by `;`.

Generated by `scripts/make-samples.py` together with `../classify/`; edit the script, not the files. File names follow
`<unix time of the Date header>.<unique>.leadfwd:2,` in `cur/` and have no info suffix in `new/`.

## Messages and what each should do

| file | # | contact | kind | message; expected effect | final Engagement Status |
|---|---|---|---|---|---|
%s

## Expected final statuses after one pass (`worker --once`)

| contact | name | Engagement Status |
|---|---|---|
%s

Totals: %s. Michael Adeyemi's record status becomes Bounced; every other record status stays Active. Ethan Brooks
has one soft bounce counted; Camille Lefèvre's auto-reply is recorded with return date 2026-11-30 and Miriam Schäfer's
with the left-company flag. The stranger's message is listed as unmatched. Reading the mailbox a second time changes
nothing (same Message-IDs, same idempotency keys).
""" % (len(MAILBOX), "\n".join(rows), "\n".join(finals),
       ", ".join("%s %d" % (k, v) for k, v in sorted(counts.items(), key=lambda kv: -kv[1])))
    with open(os.path.join(base, "README.md"), "w", encoding="utf-8") as f:
        f.write(text)


def fwd_bounce(folder, name, lang, rcpt, note, style):
    """A rep forwards a bounce inline to the sales-ops mailbox."""
    date = CLOCK.next(TZ[lang])
    contact = contact_from(rcpt["addr"])
    ob = Outbound(lang, contact, date - dt.timedelta(hours=3))
    bdate = ob.date + dt.timedelta(minutes=1)
    btext = ("This is the mail system at host mail.%s.\n\nI'm sorry to have to inform you that your message could not\n"
             "be delivered to one or more recipients. It's attached below.\n\n                   The mail system\n\n"
             "<%s>: host %s[198.51.100.12] said: %s (in reply to RCPT TO command)\n" % (OUR, rcpt["addr"], rcpt["remote"], rcpt["diag"]))
    if style == "gmail":
        body = (note + "\n\n---------- Forwarded message ---------\nFrom: Mail Delivery System <MAILER-DAEMON@mail.%s>\nDate: %s\n"
                "Subject: Undelivered Mail Returned to Sender\nTo: <%s>\n\n\n%s" % (OUR, rfcdate(bdate), ob.rep_email, btext))
        subj = "Fwd: Undelivered Mail Returned to Sender"
    else:
        body = (note + "\n\n________________________________\nVon: Mail Delivery System <MAILER-DAEMON@mail.%s>\nGesendet: %s\n"
                "An: %s\nBetreff: Undelivered Mail Returned to Sender\n\n%s" % (OUR, outlook_date("de", bdate), ob.rep_email, btext))
        subj = "WG: Undelivered Mail Returned to Sender"
    cte = "quoted-printable" if any(ord(c) > 127 for c in body) else "7bit"
    simple(folder, name, date, addr(ob.rep_name, ob.rep_email), "Sales Ops <salesops@%s>" % OUR, subj, Part("text/plain", body, "utf-8", cte),
           label={"kind": "hard_bounce", "recipients": [{"address": rcpt["addr"], "hard": True, "reason": rcpt["reason"], "status": rcpt["status"]}],
                  "contact": rcpt["addr"]}, lang=lang)


SECTIONS = [replies, auto_replies, bounces, opt_outs, traps, others, multilingual, mailbox]


def main():
    for section in SECTIONS:
        section()
    write_mailbox()
    write_all()
    write_readme()
    write_mailbox_readme()
    for path, name, lab in MAILBOX:
        print("  mailbox/%s  %s  %s" % (path, name, lab["kind"]))
    total = sum(len(v) for v in CORPUS.values())
    print("wrote %d messages in %d folders; line endings %s" % (total, len(CORPUS), EOL_COUNTS))


if __name__ == "__main__":
    main()
