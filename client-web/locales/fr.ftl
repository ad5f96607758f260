# L’interface en français (registre des réunions officielles).
#
# Mêmes messages et mêmes variables que en.ftl. Typographie : espace insécable avant
# « : », espace fine insécable avant « ? », « ! » et « ; ». Les noms de langue
# s’écrivent en minuscules.

## La page et la connexion

app-name = Conduite de la réunion
interface-language = Langue de l’interface
connecting = Connexion…
connected = Connecté
reconnecting = Reconnexion…
not-connected = Hors connexion
offline = Connexion perdue. Reconnexion… Les durées et la liste affichées ici ne sont pas à jour.
# Next to a countdown or a clock while the connection is lost.
not-current = (pas à jour)
up-to-date = De nouveau connecté. Tout ce qui est affiché est à jour.
dismiss-message = Fermer le message
joining = Connexion à la réunion…
open-invite = Ouvrez votre lien d’invitation
open-invite-explained = Cette page nécessite le lien d’invitation personnel que vous avez reçu pour la réunion. Ouvrez ce lien pour y participer.
invalid-invite = Votre lien d’invitation n’est pas valide ou a expiré. Demandez un nouveau lien à l’organisateur de la réunion.
session-expired = Votre session a expiré. Ouvrez à nouveau votre lien d’invitation ou demandez-en un nouveau à l’organisateur de la réunion.
session-ending =
    { $minutes ->
        [one] Votre session se termine dans 1 minute. Ouvrez à nouveau votre lien d’invitation pour rester dans la réunion.
       *[other] Votre session se termine dans { $minutes } minutes. Ouvrez à nouveau votre lien d’invitation pour rester dans la réunion.
    }
outdated-client = Cette page n’est plus à jour. Rechargez-la pour rejoindre la réunion.
too-many-connections = La réunion est déjà ouverte dans un trop grand nombre de vos onglets ou appareils. Fermez-en un, puis rechargez cette page.
link-revoked = Les organisateurs ont retiré ce lien d’invitation. Si vous devez encore participer, demandez-leur un nouveau lien.
cannot-join = Vous ne pouvez pas rejoindre la réunion
not-sent = Hors connexion : votre action n’a pas été transmise. Réessayez une fois la connexion rétablie.
chair-controls = Commandes de la présidence
you = Vous
cancel = Annuler
detail-separator = { " · " }
name-with-delegation = { $name } ({ $delegation })

## Rôles

role-attendee = Participant
role-chair = Présidence
role-interpreter = Interprète
role-sign-language-interpreter = Interprète en langue des signes
role-captioner = Sous-titreur
role-organiser = Organisateur

## Langues

language-ar = arabe
language-en = anglais
language-fr = français
language-es = espagnol
language-ru = russe
language-zh = chinois
in-language = (en { $language })
speaks-in = en { $language }

## L’ordre du jour

current-item = Point en cours
not-started = La réunion n’a pas encore commencé.
presenter = Présenté par { $name }
planned-minutes = { $minutes } min
guiding-questions = Questions d’orientation
agenda = Ordre du jour
previous-item = Point précédent
next-item = Point suivant
go-to = Aller à ce point
go-to-label = Aller à ce point : { $title }
item-upcoming = À venir
item-live = En cours
item-done = Terminé
item-skipped = Non traité
item-used-of = { $used } sur { $planned }
item-used = Temps écoulé : { $time }
item-over = Dépassement : { $time }
item-changed = Passage au point : { $title }
item-added = Point ajouté : { $title }
mark-done = Terminé
mark-done-label = Terminé : marquer le point { $title } comme terminé
mark-skipped = Ne pas traiter
mark-skipped-label = Ne pas traiter : { $title }
mark-upcoming = À venir
mark-upcoming-label = À venir : remettre { $title } parmi les points à venir
move-item-up-label = Monter le point { $title } d’un rang
move-item-down-label = Descendre le point { $title } d’un rang
edit-item = Modifier
edit-item-label = Modifier : { $title }
item-more = Plus d’actions
item-more-label = Plus d’actions : { $title }
item-actions-label = Actions : { $title }
item-id-label = Identifiant (lettres minuscules, chiffres et tirets)
item-title-label = Titre en { $language }
item-presenter-label = Présenté par (facultatif)
item-minutes-label = Durée prévue en minutes (facultatif)
save-item = Enregistrer
add-item = Ajouter un point
add-item-submit = Ajouter le point
item-id-invalid = L’identifiant doit compter de 1 à 64 lettres minuscules, chiffres et tirets.
item-id-taken = Un autre point porte déjà cet identifiant.
item-title-required = Saisissez un titre.
item-title-too-long = Le titre dépasse 200 caractères.
item-presenter-too-long = Le nom de l’intervenant dépasse 200 caractères.
item-minutes-invalid = Saisissez un nombre entier de minutes compris entre 1 et 600, ou laissez le champ vide.

## Prévisions

forecast = Prévisions
scheduled-start = Début prévu : { $time }
started-at = Début effectif : { $time }
item-ends-at = Fin prévue de ce point : vers { $time }
meeting-ends-at = Fin prévue de la réunion : vers { $time }
item-end-unknown = La fin de ce point ne peut pas encore être estimée
meeting-end-unknown = La fin de la réunion ne peut pas encore être estimée
close-list-hint =
    { $fit ->
        [one] Clore la liste maintenant permettrait de terminer ce point vers { $time } ({ $fit } des { $waiting } orateurs en attente pourrait encore s’exprimer)
       *[other] Clore la liste maintenant permettrait de terminer ce point vers { $time } ({ $fit } des { $waiting } orateurs en attente pourraient encore s’exprimer)
    }
times-are-local = Les heures sont indiquées dans votre fuseau horaire.

## La parole

floor = Prise de parole
nobody-has-floor = Personne n’a la parole
you-have-floor = Vous avez la parole.
floor-given-to = La parole est à { $name }.
speech-ended = Votre intervention est terminée.
speaking-for = Temps de parole : { $time }
time-left = Temps restant : { $time }
time-over = Dépassement : { $time }
timer-paused = Chronomètre suspendu
your-time-paused = Votre temps de parole est suspendu.
your-time-resumed = Le décompte de votre temps de parole reprend.
give-floor-next = Donner la parole à l’orateur suivant
give-floor = Donner la parole
give-floor-label = Donner la parole à { $name }
end-speech = Mettre fin à l’intervention
pause-timer = Suspendre le chronomètre
resume-timer = Reprendre le chronomètre
give-floor-other = Donner la parole à une personne qui n’est pas inscrite sur la liste
other-name = Nom
other-delegation = Délégation (facultatif)
other-language = Langue
language-not-stated = Non précisée
name-required = Saisissez le nom de la personne qui va prendre la parole.

## La liste des orateurs

speakers = Liste des orateurs
queue-length =
    { $count ->
        [0] Personne n’attend son tour de parole.
        [one] { $count } personne attend son tour de parole.
       *[other] { $count } personnes attendent leur tour de parole.
    }
queue-more =
    { $count ->
        [one] et { $count } autre
       *[other] et { $count } autres
    }
queue-label = Demandes de parole, dans l’ordre
queue-next-label = Prochains orateurs
list-is-closed = La liste des orateurs est close : seules les motions d’ordre sont recevables.
first-time-first-on = Priorité est donnée à ceux qui ne se sont pas encore exprimés sur ce point.
registered = Inscription préalable
also-asked =
    { $count ->
        [one] Également demandée par { $count } collègue
       *[other] Également demandée par { $count } collègues
    }
note-for-chair = Note : { $note }
list-closed-announced = La liste des orateurs est close.
list-reopened-announced = La liste des orateurs est rouverte.

## Demander la parole

ask-for-floor = Demander la parole
request-kind-label = Type de demande
kind-intervention = Intervention
kind-question = Question
kind-point-of-order = Motion d’ordre
kind-right-of-reply = Droit de réponse
request-question-label = Sur la question d’orientation
no-particular-question = Aucune question en particulier
question-numbered = Question { $number } : { $text }
request-language-label = Je m’exprimerai en
request-note-label = Note pour la présidence (facultatif)
note-count =
    { $count ->
        [one] { $count } caractère sur { $max }
       *[other] { $count } caractères sur { $max }
    }
note-too-long = La note dépasse { $max } caractères.
raise-hand = Lever la main
lower-hand = Baisser la main
shortcut-hand = Raccourci : H
your-requests = Vos demandes
queue-position = Vous êtes en position { $position } dans la file d’attente.
you-are-next = Vous êtes en tête de la file d’attente.
delegation-position = La demande de votre délégation est en position { $position } dans la file d’attente ({ $name } prendra la parole).
delegation-next = Votre délégation est la prochaine à prendre la parole ({ $name } s’exprimera).
estimated-wait = Attente estimée : environ { $minutes } min
estimated-wait-short = Attente estimée : moins d’une minute
withdraw = Retirer
withdraw-label = Retirer la demande : { $kind }
claim-request = Parler au nom de ma délégation
claim-request-label = Parler au nom de ma délégation à la place de { $name }
hand-lowered = Votre main est baissée.
request-removed = Votre demande a été retirée de la liste des orateurs.

## La gestion de la liste par la présidence

manage-list = Gestion de la liste
move-up = Monter
move-up-label = Monter { $name } d’un rang dans la liste
move-down = Descendre
move-down-label = Descendre { $name } d’un rang dans la liste
remove = Supprimer
remove-label = Supprimer { $name } de la liste des orateurs
close-list = Clore la liste
reopen-list = Rouvrir la liste
first-time-first = Priorité aux nouveaux orateurs
clear-queue = Baisser toutes les mains
clear-queue-confirm =
    { $count ->
        [one] Baisser la main levée ({ $count }) ? La demande sera retirée de la liste.
       *[other] Baisser les { $count } mains levées ? Toutes les demandes seront retirées de la liste.
    }
clear-queue-yes = Oui, baisser toutes les mains
readd-last-speaker = Réinscrire le dernier orateur
readd-last-speaker-label = Réinscrire le dernier orateur : { $name }, en tête de la liste
speaking-time = Temps de parole (minutes:secondes)
speaking-time-hint = Laissez vide pour appliquer le temps de parole par défaut de la réunion.
set-speaking-time = Appliquer
speaking-time-is = Temps de parole : { $time }
speaking-time-is-default = Temps de parole : { $time } (valeur par défaut de la réunion)
no-speaking-time = Temps de parole illimité
speaking-time-invalid = Saisissez une durée telle que 3:00, comprise entre 0:10 et 60:00.

## Canaux et cabine d’interprétation

channels = Canaux
channel-floor = Salle
channel-sign-language = Langue des signes
channel-captions = Sous-titres
channel-live = Canal « { $channel } » en direct
channel-standby = Canal « { $channel } » en attente
your-booth = Votre cabine : { $channel }
go-on-air = Prendre l’antenne
go-off-air = Rendre l’antenne
you-are-on-air = Vous êtes à l’antenne
other-on-air = { $name } est à l’antenne sur ce canal
booth-off-air = Hors antenne : le canal est en attente
# Plusieurs cabines dans une phrase : « cabine française, cabine espagnole ».
booth-list = { ", " }
# Les cabines telles qu’elles sont nommées dans les phrases (« prenez le relais sur la cabine arabe »).
booth-ar = cabine arabe
booth-en = cabine anglaise
booth-fr = cabine française
booth-es = cabine espagnole
booth-ru = cabine russe
booth-zh = cabine chinoise
booth-of = cabine ({ $language })

## Ce que diffuse un canal ($kind vaut floor, interpretation, sign ou captions)

status-original = Original
status-live = En direct
status-relay = En direct, via le relais de la { $booth }
status-swapping = Relève des interprètes en cours
status-paused = Suspendu
status-standby =
    { $kind ->
        [interpretation] En attente : vous entendez la salle
       *[other] En attente
    }
status-unavailable = Indisponible
# Before the meeting starts, instead of "unavailable": calm, not a fault.
status-not-started = Pas encore commencé

## Votre canal linguistique : le choix de l’auditeur, ses canaux de repli et ce qui lui est annoncé

listening = Votre canal linguistique
listen-channel-label = J’écoute
fallbacks-label = En cas d’interruption, passer à (dans cet ordre)
fallbacks-none = Aucun canal de repli : tant que votre canal est muet, vous entendez la salle.
fallback-add-label = Ajouter un canal de repli
fallback-add = Ajouter
fallback-up-label = Monter { $channel } d’un rang parmi les canaux de repli
fallback-down-label = Descendre { $channel } d’un rang parmi les canaux de repli
fallback-remove-label = Supprimer { $channel } des canaux de repli
need-sign = J’ai besoin de la langue des signes
need-captions = J’ai besoin des sous-titres
hearing =
    { $kind ->
        [floor] Vous entendez la salle.
       *[other] Vous entendez le canal { $language }.
    }
hearing-floor-instead = Le canal { $language } ne diffuse rien pour le moment : vous entendez la salle.
now-hearing =
    { $kind ->
        [floor] Vous entendez maintenant la salle.
       *[other] Vous entendez maintenant le canal { $language }.
    }
you-hear-this = Vous écoutez ce canal
media-link = Ouvrir le canal « { $channel } »
said-live =
    { $kind ->
        [sign] L’interprétation en langue des signes est à l’écran.
        [captions] Les sous-titres sont disponibles.
       *[other] L’interprétation en { $language } est en direct.
    }
said-relay = L’interprétation en { $language } est en direct, via le relais de la { $booth }.
said-original = L’orateur s’exprime en { $language } : vous entendez l’original.
said-swapping = Relève de l’interprète en langue des signes.
said-paused =
    { $kind ->
        [sign] L’interprétation en langue des signes est suspendue.
        [captions] Les sous-titres sont suspendus.
       *[other] L’interprétation en { $language } est suspendue.
    }
said-standby =
    { $kind ->
        [sign] L’interprétation en langue des signes est en attente.
        [captions] Les sous-titres sont en attente.
       *[other] L’interprétation en { $language } est en attente.
    }
said-unavailable =
    { $kind ->
        [sign] L’interprétation en langue des signes n’est pas disponible.
        [captions] Les sous-titres ne sont pas disponibles.
       *[other] L’interprétation en { $language } n’est pas disponible.
    }
said-back = L’interprétation en { $language } est rétablie.

## La console de l’interprète

pause-channel = Suspendre
resume-channel = Reprendre
booth-paused = Suspendu : vos auditeurs entendent la salle.
working-into-retour = Travailler en retour (en { $language })
relay-label = Source (relais)
relay-floor = La salle (sans relais)
apply = Appliquer
request-handover = Demander la relève
cancel-handover = Annuler la demande de relève
accept-handover = Accepter la relève
take-over = Prendre la relève
handover-waiting = En attente de votre collègue de cabine : encore { $time }
handover-asked = { $name } vous demande de prendre la relève : encore { $time }
task-direct = L’orateur s’exprime en { $floor } : interprétez directement depuis la salle.
task-relay = L’orateur s’exprime en { $floor } : prenez le relais sur la { $pivot }.
task-retour = Travaillez en retour, en { $language }.
task-idle-floor = Cabine au repos : l’orateur s’exprime en { $floor }.
task-idle-covered = Cabine au repos : le retour de la { $pivot } couvre le canal { $language }.
task-no-source = L’orateur s’exprime en { $floor } : aucune cabine ne peut vous fournir de relais.
relying =
    { $count ->
        [one] Cette cabine prend le relais sur vous : { $booths }.
       *[other] Ces cabines prennent le relais sur vous : { $booths }.
    }
audience =
    { $count ->
        [0] Personne n’écoute votre canal.
        [one] { $count } personne écoute votre canal.
       *[other] { $count } personnes écoutent votre canal.
    }
coming-next-heading = Prochain orateur
coming-next = Prochain orateur : { $name }, qui s’exprimera en { $language }.
dead-air-heading = Canal muet
dead-air = Aucune interprétation en { $language } depuis { $time } alors que l’orateur a la parole.

## Les commandes d’interprétation du président, et la réunion dans son ensemble

floor-language-label = Langue parlée en salle
floor-language-unset = Non précisée
meeting-updated = L’ordre du jour a été mis à jour.
meeting-ended = Cette réunion est terminée.
meeting-ended-explained = Plus aucune modification n’est possible ; le compte rendu reste consultable.

## Commandes refusées : « { $action } : { $reason } », la raison en minuscules

command-refused = { $action } : { $reason }
error-unauthorized = vous n’êtes pas autorisé à participer à cette réunion
error-forbidden = votre rôle ne permet pas cette action
error-invalid = le serveur n’a pas compris la demande
error-not-found = cet élément n’existe plus
error-conflict = cette action ne correspond plus à l’état actuel de la réunion
error-list-closed = la liste des orateurs est close ; seules les motions d’ordre sont recevables
error-limit-reached = votre délégation a déjà atteint le nombre maximal de demandes
error-rate-limited = trop d’actions à la fois ; veuillez patienter un instant
error-unavailable = le service est surchargé ; veuillez réessayer
error-unsupported-version = cette page n’est plus à jour ; rechargez-la
error-internal = une erreur s’est produite sur le serveur
action-raise-hand = Lever la main
action-lower-hand = Baisser la main
action-claim-request = Parler au nom de ma délégation
action-give-floor = Donner la parole
action-end-floor = Mettre fin à l’intervention
action-pause-floor = Suspendre le chronomètre
action-resume-floor = Reprendre le chronomètre
action-move-request = Déplacer la demande
action-clear-queue = Baisser toutes les mains
action-close-list = Clore la liste
action-reopen-list = Rouvrir la liste
action-first-time-first = Priorité aux nouveaux orateurs
action-readd-last-speaker = Réinscrire le dernier orateur
action-speaking-time = Temps de parole
action-change-item = Changer de point
action-mark-item = Marquer le point
action-add-item = Ajouter un point
action-edit-item = Modifier le point
action-move-item = Déplacer le point
action-on-air = Antenne
action-floor-language = Langue parlée en salle
action-working-into = Langue de travail
action-relay = Source de relais
action-pause-channel = Suspendre
action-request-handover = Demander la relève
action-cancel-handover = Annuler la relève
action-take-over = Prendre la relève

## Personnes connectées (organisateurs et présidence)

roster = Personnes connectées
roster-show = Afficher les personnes connectées
roster-total =
    { $count ->
        [0] Personne n’est connecté.
        [one] { $count } personne est connectée.
       *[other] { $count } personnes sont connectées.
    }
roster-people =
    { $count ->
        [one] { $count } personne
       *[other] { $count } personnes
    }
roster-by-role = Par rôle
roster-by-delegation = Par délégation
roster-by-language = Par langue
roster-column-role = Rôle
roster-column-delegation = Délégation
roster-column-language = Langue
roster-column-people = Personnes
roster-no-delegation = Sans délégation
roster-list = Liste des personnes connectées
roster-filter-label = Filtrer par nom ou par délégation
roster-order-label = Trier par
roster-order-name = Nom
roster-order-delegation = Délégation
roster-order-role = Rôle
roster-shown =
    { $count ->
        [one] { $count } personne affichée sur { $total }.
       *[other] { $count } personnes affichées sur { $total }.
    }
roster-no-match = Aucune personne connectée ne correspond au filtre.
roster-devices =
    { $count ->
        [one] { $count } appareil
       *[other] { $count } appareils
    }
roster-languages = Langues : { $languages }

## Moving on while requests wait: the chair is asked, the requesters told.
move-on-question =
    { $count ->
        [one] Une demande attend sur « { $item } ». Qu’en faire ?
       *[other] { $count } demandes attendent sur « { $item } ». Qu’en faire ?
    }
move-on-carry = Reporter sur « { $item } »
move-on-keep = Garder sur « { $item } »
move-on-close = Baisser les mains
move-on-cancel = Rester sur ce point
request-kept = Votre demande reste sur la liste de « { $item } », pour le cas où la présidence y reviendrait.
request-carried = Votre demande a été reportée sur ce point.
request-closed = La présidence a clos la liste de « { $item } » : votre main est baissée.
# Le téléchargement du journal des orateurs, pour la présidence et les organisateurs.
speaker-log = Journal des orateurs
speaker-log-explained = Qui a parlé, sur quel point, dans quelle langue et combien de temps.
speaker-log-format = Format
speaker-log-csv = CSV (tableur)
speaker-log-json = JSON (données)
speaker-log-markdown = Résumé (Markdown)
download-speaker-log = Télécharger le journal des orateurs
speaker-log-downloaded = Journal des orateurs enregistré sous { $file }.
speaker-log-expired = Votre session a expiré : ouvrez à nouveau votre lien d’invitation pour télécharger le journal des orateurs.
speaker-log-forbidden = Votre rôle ne permet pas de télécharger le journal des orateurs.
speaker-log-unavailable = Le journal des orateurs ne peut pas être produit pour l’instant. Réessayez dans un moment.
speaker-log-offline = Le journal des orateurs n’a pas pu être téléchargé : le serveur est injoignable.
speaker-log-failed = Le journal des orateurs n’a pas pu être téléchargé (erreur { $status }).

## Self-registration: the registration page (/register/{meeting}) and the organisers'
## list of registrations.

reg-heading = S’inscrire à la réunion
reg-intro = Dites aux organisateurs qui vous êtes. Dès qu’ils auront approuvé votre inscription, cette page vous donnera votre lien vers la réunion.
reg-loading = Chargement du formulaire d’inscription…
reg-not-taking = Cette réunion ne prend pas d’inscriptions.
reg-name = Nom
reg-email = Adresse électronique
reg-delegation = Délégation
reg-languages = Langues que vous suivez
reg-needs = Ce dont vous avez besoin
reg-need-sign = Interprétation en langue des signes
reg-need-captions = Sous-titres
reg-ask-floor = Je demande la parole
reg-item = Point de l’ordre du jour
reg-kind = Pour
reg-kind-intervention = Une intervention
reg-kind-question = Une question
reg-question = Question directrice
reg-question-none = Aucune en particulier
reg-written = Une question écrite pour les organisateurs
reg-optional = (facultatif)
reg-submit = S’inscrire
reg-errors-summary = Certains champs sont à corriger.
reg-error-name = Indiquez votre nom.
reg-error-email = Indiquez votre adresse électronique.
reg-error-email-invalid = Indiquez une adresse électronique comme nom@example.org.
reg-error-languages = Choisissez au moins une langue.
reg-error-item = Choisissez un point de l’ordre du jour.
reg-error-question = Choisissez l’une des questions directrices du point.
reg-error-too-long = Ce texte est trop long.
reg-error-characters = Retirez les caractères spéciaux de ce champ.
reg-rate-limited = Trop d’inscriptions sont venues de votre connexion. Veuillez réessayer dans une minute.
reg-send-failed = Votre inscription n’a pas pu être envoyée. Veuillez réessayer.
reg-pending-heading = Votre inscription attend les organisateurs
reg-pending = Cette page vérifie d’elle-même si elle est approuvée. Vous pouvez la fermer et la rouvrir plus tard dans ce navigateur.
reg-approved-heading = Votre inscription est approuvée
reg-join = Rejoindre la réunion
reg-link-label = Votre lien vers la réunion (gardez-le pour vous)
reg-no-link = Votre lien n’est pas disponible pour le moment. Veuillez contacter les organisateurs.
reg-declined-heading = Votre inscription a été refusée
reg-declined = Les organisateurs n’ont pas approuvé cette inscription. Contactez-les si vous pensez qu’il s’agit d’une erreur.
reg-register-again = S’inscrire à nouveau
regs-heading = Inscriptions
regs-waiting = En attente d’une décision
regs-none-waiting = Aucune inscription n’est en attente.
regs-decided = Décidées
regs-approve = Approuver
regs-decline = Refuser
# $name: who registered.
regs-approve-label = Approuver : { $name }
regs-decline-label = Refuser : { $name }
regs-status-approved = Approuvée
regs-status-declined = Refusée
regs-email = Courriel
regs-languages = Langues
regs-needs = Besoins
regs-floor = Demande la parole
regs-written = Question écrite
regs-received = Nouvelle inscription : { $name }
regs-announced-approved = Inscription approuvée : { $name }
regs-announced-declined = Inscription refusée : { $name }
# $status: the HTTP status of an unexpected answer.
regs-decision-failed = La décision n’a pas pu être enregistrée (erreur { $status }).

## The organisers' participants card.
participants = Participants
participants-explained = Toutes les personnes invitées, avec leur lien d’invitation. Révoquez un lien qui a fuité ; remplacez-le pour en envoyer un nouveau à la personne.
participants-search-label = Rechercher par nom, délégation, identifiant ou courriel
participants-loading = Chargement des participants…
participants-no-match = Aucun participant ne correspond.
participants-shown = Correspondances : { $count } sur { $total }.
participants-first-shown = Seuls les 50 premiers sont listés : recherchez pour trouver les autres.
participant-link-active = Lien actif
participant-link-revoked = Lien révoqué
copy-link = Copier le lien
show-link = Afficher le lien
revoke-link = Révoquer le lien
replace-link = Remplacer le lien
copy-link-label = Copier le lien : { $name }
show-link-label = Afficher le lien : { $name }
revoke-link-label = Révoquer le lien : { $name }
replace-link-label = Remplacer le lien : { $name }
participant-link-heading = Lien d’invitation de { $name }
participant-link-hint = Sélectionnez le lien et copiez-le, ou utilisez « Copier le lien ».
link-copied = Lien d’invitation de { $name } copié.
link-copy-failed = Le lien n’a pas pu être copié : sélectionnez-le dans la zone et copiez-le à la main.
revoke-confirm = Révoquer le lien de { $name } ? Ses pages ouvertes sont déconnectées aussitôt et le lien cesse de fonctionner.
replace-confirm = Remplacer le lien de { $name } ? L’ancien lien cesse de fonctionner et ses pages ouvertes sont déconnectées aussitôt ; vous obtenez un nouveau lien à lui envoyer.
link-revoked-done = Lien de { $name } révoqué : ses pages ouvertes sont déconnectées.
link-replaced-done = Nouveau lien pour { $name } : copiez-le et envoyez-le-lui.
participant-added = { $name } ajouté(e) : copiez son lien et envoyez-le-lui.
participants-failed = Les participants n’ont pas pu être chargés ou modifiés (erreur { $status }).
participants-offline = Le serveur est injoignable. Réessayez dans un instant.
add-participant = Ajouter un participant
add-participant-explained = Pour une personne inscrite tardivement. Elle reçoit son propre lien d’invitation.
participant-name = Nom
participant-id = Identifiant
participant-id-hint = Lettres minuscules, chiffres et tirets. Laissé vide, il est tiré du nom.
participant-role = Rôle
participant-delegation = Délégation (facultatif)
participant-languages = Langues
participant-email = Courriel (facultatif)
participant-needs = Besoins
participant-sign-language = Interprétation en langue des signes
participant-captions = Sous-titres
participant-written-question = Question écrite : { $question }
participant-needs-list = Besoins : { $needs }
add-participant-submit = Ajouter le participant
participant-error-name = Saisissez un nom, sans caractères de contrôle.
participant-error-id = Un identifiant compte de 1 à 64 lettres latines minuscules, chiffres et tirets : saisissez-en un.
participant-error-id-taken = Cet identifiant est déjà celui de quelqu’un d’autre : choisissez-en un autre.
participant-error-email = Saisissez une adresse électronique, par exemple nom@example.org.
participant-error-delegation = La délégation contient des caractères non autorisés.
participant-error-languages = Choisissez uniquement des langues de cette réunion.
# L’import des inscriptions et le téléchargement des liens d’invitation (organisateurs).
import-heading = Importer des inscriptions
import-explained = Faites entrer les personnes depuis l’export de votre outil d’inscription (un fichier CSV). Indiquez quelle colonne du fichier contient chaque champ : rien n’est deviné.
import-file = Fichier d’inscriptions (CSV)
import-columns = Colonne de chaque champ
import-suggested = Les colonnes dont l’en-tête porte le nom du champ sont choisies pour vous : vérifiez chacune avant d’importer.
import-column-none = (absent du fichier)
import-field-id = Identifiant
import-field-name = Nom (obligatoire)
import-field-email = Courriel
import-field-delegation = Délégation
import-field-role = Rôle
import-field-booth = Cabine
import-field-languages = Langues
import-field-sign-language = Langue des signes
import-field-captions = Sous-titres
import-field-floor = Demande la parole
import-field-item = Point de l’ordre du jour
import-field-kind = Type de demande
import-field-question = Question directrice
import-field-written-question = Question écrite
import-check = Vérifier
import-run = Importer
import-valid-only = Importer les lignes valides
import-no-name = Choisissez la colonne qui contient les noms.
import-unreadable = Le fichier n’a pas pu être lu comme du texte.
import-errors = Problèmes dans le fichier
import-checked = Vérifié : { $valid } des lignes peuvent être importées. Problèmes trouvés : { $errors }.
import-done = Participants importés : { $imported } ({ $requests } ont demandé la parole). Lignes écartées : { $errors }.
import-refused = Rien n’a été importé. Problèmes trouvés : { $errors }.
import-error = Ligne { $line }, { $field } : { $message }
import-failed = La demande a échoué (erreur { $status }). Rien n’a été importé.
import-offline = Le serveur est injoignable. Réessayez dans un instant.
download-links = Télécharger tous les liens d’invitation (CSV)
links-downloaded = Liens d’invitation enregistrés sous { $file }.
links-failed = Les liens d’invitation n’ont pas pu être téléchargés (erreur { $status }).
