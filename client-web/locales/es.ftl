# La interfaz en español (registro formal de las reuniones oficiales, trato de usted).
#
# Los mismos mensajes y las mismas variables que en.ftl. Los nombres de idioma se
# escriben en minúscula.

## La página y la conexión

app-name = Conducción de la reunión
interface-language = Idioma de la interfaz
connecting = Conectando…
connected = Conectado
reconnecting = Reconectando…
not-connected = Sin conexión
offline = Conexión perdida. Reconectando… Los tiempos y la lista que se muestran aquí no están actualizados.
# Next to a countdown or a clock while the connection is lost.
not-current = (no actualizado)
up-to-date = Conectado de nuevo. Todo lo que se muestra está actualizado.
dismiss-message = Cerrar el mensaje
joining = Accediendo a la reunión…
open-invite = Abra su enlace de invitación
open-invite-explained = Esta página requiere el enlace de invitación personal que recibió para la reunión. Abra ese enlace para participar.
invalid-invite = Su enlace de invitación no es válido o ha caducado. Solicite un nuevo enlace al organizador de la reunión.
session-expired = Su sesión ha caducado. Vuelva a abrir su enlace de invitación o solicite uno nuevo al organizador de la reunión.
session-ending =
    { $minutes ->
        [one] Su sesión termina en 1 minuto. Vuelva a abrir su enlace de invitación para seguir en la reunión.
       *[other] Su sesión termina en { $minutes } minutos. Vuelva a abrir su enlace de invitación para seguir en la reunión.
    }
outdated-client = Esta página no está actualizada. Vuelva a cargarla para acceder a la reunión.
too-many-connections = La reunión ya está abierta en demasiadas pestañas o dispositivos suyos. Cierre uno de ellos y vuelva a cargar esta página.
link-revoked = Los organizadores han retirado este enlace de invitación. Si todavía debe participar, pídales un nuevo enlace.
cannot-join = No puede acceder a la reunión
not-sent = Sin conexión: su acción no se ha enviado. Vuelva a intentarlo cuando se restablezca la conexión.
chair-controls = Controles de la Presidencia
you = Usted
cancel = Cancelar
detail-separator = { " · " }
name-with-delegation = { $name } ({ $delegation })

## Funciones

role-attendee = Participante
role-chair = Presidencia
role-interpreter = Intérprete
role-sign-language-interpreter = Intérprete de lengua de señas
role-captioner = Subtitulador
role-organiser = Organizador

## Idiomas

language-ar = árabe
language-en = inglés
language-fr = francés
language-es = español
language-ru = ruso
language-zh = chino
in-language = (en { $language })
speaks-in = en { $language }

## El orden del día

current-item = Tema en curso
not-started = La reunión aún no ha comenzado.
presenter = Presentado por { $name }
planned-minutes = { $minutes } min
guiding-questions = Preguntas orientativas
agenda = Orden del día
previous-item = Tema anterior
next-item = Tema siguiente
go-to = Ir a este tema
go-to-label = Ir a este tema: { $title }
item-upcoming = Pendiente
item-live = En curso
item-done = Concluido
item-skipped = Omitido
item-used-of = { $used } de { $planned }
item-used = Tiempo transcurrido: { $time }
item-over = Tiempo excedido: { $time }
item-changed = Se pasa al tema: { $title }
item-added = Tema añadido: { $title }
mark-done = Concluido
mark-done-label = Concluido: marcar { $title } como concluido
mark-skipped = Omitir
mark-skipped-label = Omitir: { $title }
mark-upcoming = Pendiente
mark-upcoming-label = Pendiente: volver a marcar { $title } como pendiente
move-item-up-label = Subir: { $title }
move-item-down-label = Bajar: { $title }
edit-item = Editar
edit-item-label = Editar: { $title }
item-more = Más acciones
item-more-label = Más acciones: { $title }
item-actions-label = Acciones: { $title }
item-id-label = Identificador (letras minúsculas, cifras y guiones)
item-title-label = Título en { $language }
item-presenter-label = Presentado por (opcional)
item-minutes-label = Minutos previstos (opcional)
save-item = Guardar
add-item = Añadir un tema
add-item-submit = Añadir tema
item-id-invalid = El identificador debe tener de 1 a 64 letras minúsculas, cifras y guiones.
item-id-taken = Otro tema ya tiene este identificador.
item-title-required = Introduzca un título.
item-title-too-long = El título supera los 200 caracteres.
item-presenter-too-long = El nombre de quien presenta supera los 200 caracteres.
item-minutes-invalid = Introduzca un número entero de minutos entre 1 y 600, o deje el campo vacío.

## Previsión

forecast = Previsión
scheduled-start = Inicio previsto: { $time }
started-at = Inicio efectivo: { $time }
item-ends-at = Fin previsto de este tema: hacia las { $time }
meeting-ends-at = Fin previsto de la reunión: hacia las { $time }
item-end-unknown = Aún no se puede prever el fin de este tema
meeting-end-unknown = Aún no se puede prever el fin de la reunión
close-list-hint =
    { $fit ->
        [one] Si cierra la lista ahora, este tema concluirá hacia las { $time } (podrá intervenir { $fit } de los { $waiting } oradores en espera)
       *[other] Si cierra la lista ahora, este tema concluirá hacia las { $time } (podrán intervenir { $fit } de los { $waiting } oradores en espera)
    }
times-are-local = Las horas se indican en su zona horaria.

## El uso de la palabra

floor = Uso de la palabra
nobody-has-floor = Nadie tiene la palabra
you-have-floor = Tiene usted la palabra.
floor-given-to = Tiene la palabra { $name }.
speech-ended = Su intervención ha concluido.
speaking-for = Tiempo de intervención: { $time }
time-left = Tiempo restante: { $time }
time-over = Tiempo excedido: { $time }
timer-paused = Cronómetro en pausa
your-time-paused = Su tiempo de intervención está en pausa.
your-time-resumed = Su tiempo de intervención vuelve a correr.
give-floor-next = Dar la palabra al siguiente orador
give-floor = Dar la palabra
give-floor-label = Dar la palabra a { $name }
end-speech = Concluir la intervención
pause-timer = Pausar el cronómetro
resume-timer = Reanudar el cronómetro
give-floor-other = Dar la palabra a alguien que no figura en la lista
other-name = Nombre
other-delegation = Delegación (opcional)
other-language = Idioma
language-not-stated = Sin indicar
name-required = Introduzca el nombre de la persona que va a intervenir.

## La lista de oradores

speakers = Lista de oradores
queue-length =
    { $count ->
        [0] Nadie espera turno para intervenir.
        [one] { $count } persona espera turno para intervenir.
       *[other] { $count } personas esperan turno para intervenir.
    }
queue-more = y { $count } más
queue-label = Solicitudes de palabra, por orden
queue-next-label = Próximos oradores
list-is-closed = La lista de oradores está cerrada: solo se admiten cuestiones de orden.
first-time-first-on = Tienen prioridad quienes aún no han intervenido sobre este tema.
registered = Inscripción previa
also-asked =
    { $count ->
        [one] También la pidió { $count } colega
       *[other] También la pidieron { $count } colegas
    }
note-for-chair = Nota: { $note }
list-closed-announced = La lista de oradores está cerrada.
list-reopened-announced = La lista de oradores vuelve a estar abierta.

## Pedir la palabra

ask-for-floor = Pedir la palabra
request-kind-label = Tipo de solicitud
kind-intervention = Intervención
kind-question = Pregunta
kind-point-of-order = Cuestión de orden
kind-right-of-reply = Derecho de respuesta
request-question-label = Sobre la pregunta orientativa
no-particular-question = Ninguna pregunta en particular
question-numbered = Pregunta { $number }: { $text }
request-language-label = Intervendré en
request-note-label = Nota para la Presidencia (opcional)
note-count =
    { $count ->
        [one] { $count } carácter de { $max }
       *[other] { $count } caracteres de { $max }
    }
note-too-long = La nota supera los { $max } caracteres.
raise-hand = Levantar la mano
lower-hand = Bajar la mano
shortcut-hand = Atajo de teclado: H
your-requests = Sus solicitudes
queue-position = Ocupa el puesto { $position } en la lista de espera.
you-are-next = Su turno es el siguiente.
delegation-position = La solicitud de su delegación ocupa el puesto { $position } en la lista de espera (intervendrá { $name }).
delegation-next = El turno de su delegación es el siguiente (intervendrá { $name }).
estimated-wait = Espera estimada: unos { $minutes } min
estimated-wait-short = Espera estimada: menos de un minuto
withdraw = Retirar
withdraw-label = Retirar la solicitud: { $kind }
claim-request = Hablar en nombre de mi delegación
claim-request-label = Hablar en nombre de mi delegación en lugar de { $name }
hand-lowered = Su mano está bajada.
request-removed = Su solicitud se ha retirado de la lista de oradores.

## La gestión de la lista por la Presidencia

manage-list = Gestión de la lista
move-up = Subir
move-up-label = Subir a { $name }
move-down = Bajar
move-down-label = Bajar a { $name }
remove = Quitar
remove-label = Quitar a { $name } de la lista de oradores
close-list = Cerrar la lista
reopen-list = Reabrir la lista
first-time-first = Prioridad a quienes no han intervenido
clear-queue = Bajar todas las manos
clear-queue-confirm =
    { $count ->
        [one] ¿Bajar la mano levantada ({ $count })? La solicitud saldrá de la lista.
       *[other] ¿Bajar las { $count } manos levantadas? Todas las solicitudes saldrán de la lista.
    }
clear-queue-yes = Sí, bajar todas las manos
readd-last-speaker = Volver a inscribir al último orador
readd-last-speaker-label = Volver a inscribir al último orador: { $name }, al principio de la lista
speaking-time = Tiempo de intervención (minutos:segundos)
speaking-time-hint = Déjelo vacío para aplicar el tiempo predeterminado de la reunión.
set-speaking-time = Aplicar
speaking-time-is = Tiempo de intervención: { $time }
speaking-time-is-default = Tiempo de intervención: { $time } (el predeterminado de la reunión)
no-speaking-time = Sin límite de tiempo de intervención
speaking-time-invalid = Introduzca una duración como 3:00, entre 0:10 y 60:00.

## Canales y cabina de interpretación

channels = Canales
channel-floor = Sala
channel-sign-language = Lengua de señas
channel-captions = Subtítulos
channel-live = Canal «{ $channel }» en directo
channel-standby = Canal «{ $channel }» en espera
your-booth = Su cabina: { $channel }
go-on-air = Iniciar la emisión
go-off-air = Detener la emisión
you-are-on-air = Está usted emitiendo
other-on-air = { $name } está emitiendo en este canal
booth-off-air = Sin emisión: el canal está en espera
# Varias cabinas en una frase: «cabina francesa, cabina española».
booth-list = { ", " }
# Las cabinas tal como se nombran en las frases («tome el relé de la cabina árabe»).
booth-ar = cabina árabe
booth-en = cabina inglesa
booth-fr = cabina francesa
booth-es = cabina española
booth-ru = cabina rusa
booth-zh = cabina china
booth-of = cabina ({ $language })

## Lo que transmite un canal ($kind es floor, interpretation, sign o captions)

status-original = Original
status-live = En directo
status-relay = En directo, con relé de la { $booth }
status-swapping = Relevo de intérpretes
status-paused = En pausa
status-standby =
    { $kind ->
        [interpretation] En espera: escucha la sala
       *[other] En espera
    }
status-unavailable = No disponible
# Before the meeting starts, instead of "unavailable": calm, not a fault.
status-not-started = Aún no ha empezado

## Su canal de idioma: la elección del oyente, sus canales de reserva y lo que se le anuncia

listening = Su canal de idioma
listen-channel-label = Escucho
fallbacks-label = Si se interrumpe, pasar a (en este orden)
fallbacks-none = Sin canales de reserva: mientras su canal esté en silencio, escuchará la sala.
fallback-add-label = Añadir un canal de reserva
fallback-add = Añadir
fallback-up-label = Subir { $channel }
fallback-down-label = Bajar { $channel }
fallback-remove-label = Quitar { $channel } de los canales de reserva
need-sign = Necesito lengua de señas
need-captions = Necesito subtítulos
hearing =
    { $kind ->
        [floor] Escucha la sala.
       *[other] Escucha el canal { $language }.
    }
hearing-floor-instead = El canal { $language } no transmite nada ahora: escucha la sala.
now-hearing =
    { $kind ->
        [floor] Ahora escucha la sala.
       *[other] Ahora escucha el canal { $language }.
    }
you-hear-this = Está escuchando este canal
media-link = Abrir el canal «{ $channel }»
said-live =
    { $kind ->
        [sign] La interpretación en lengua de señas está en pantalla.
        [captions] Los subtítulos están disponibles.
       *[other] La interpretación al { $language } está en directo.
    }
said-relay = La interpretación al { $language } está en directo, con relé de la { $booth }.
said-original = El orador habla en { $language }: escucha el original.
said-swapping = Relevo del intérprete de lengua de señas.
said-paused =
    { $kind ->
        [sign] La interpretación en lengua de señas está en pausa.
        [captions] Los subtítulos están en pausa.
       *[other] La interpretación al { $language } está en pausa.
    }
said-standby =
    { $kind ->
        [sign] La interpretación en lengua de señas está en espera.
        [captions] Los subtítulos están en espera.
       *[other] La interpretación al { $language } está en espera.
    }
said-unavailable =
    { $kind ->
        [sign] La interpretación en lengua de señas no está disponible.
        [captions] Los subtítulos no están disponibles.
       *[other] La interpretación al { $language } no está disponible.
    }
said-back = La interpretación al { $language } se ha restablecido.

## La consola del intérprete

pause-channel = Pausa
resume-channel = Reanudar
booth-paused = En pausa: sus oyentes escuchan la sala.
working-into-retour = Trabajar en retour (al { $language })
relay-label = Entrada de relé
relay-floor = La sala (sin relé)
apply = Aplicar
request-handover = Pedir el relevo
cancel-handover = Cancelar el relevo
accept-handover = Aceptar el relevo
take-over = Tomar el relevo
handover-waiting = Esperando a su colega de cabina: quedan { $time }
handover-asked = { $name } le pide que tome el relevo: quedan { $time }
task-direct = El orador habla en { $floor }: interprete directamente desde la sala.
task-relay = El orador habla en { $floor }: tome el relé de la { $pivot }.
task-retour = Trabaje en retour, al { $language }.
task-idle-floor = Cabina en reposo: el orador habla en { $floor }.
task-idle-covered = Cabina en reposo: el retour de la { $pivot } cubre el canal { $language }.
task-no-source = El orador habla en { $floor }: ninguna cabina puede darle relé.
relying =
    { $count ->
        [one] Esta cabina toma el relé de usted: { $booths }.
       *[other] Estas cabinas toman el relé de usted: { $booths }.
    }
audience =
    { $count ->
        [0] Nadie escucha su canal.
        [one] { $count } persona escucha su canal.
       *[other] { $count } personas escuchan su canal.
    }
coming-next-heading = A continuación
coming-next = Próximo orador: { $name }, que intervendrá en { $language }.
dead-air-heading = Canal en silencio
dead-air = Sin interpretación al { $language } desde hace { $time } mientras el orador tiene la palabra.

## Los controles de interpretación de la presidencia y la reunión en su conjunto

floor-language-label = Idioma de la sala
floor-language-unset = Sin indicar
meeting-updated = Se ha actualizado el orden del día.
meeting-ended = Esta reunión ha terminado.
meeting-ended-explained = Ya no se puede modificar nada; el acta sigue disponible.

## Acciones rechazadas: «{ $action }: { $reason }», el motivo en minúscula

command-refused = { $action }: { $reason }
error-unauthorized = no está autorizado a participar en esta reunión
error-forbidden = su función no permite esta acción
error-invalid = el servidor no ha entendido la solicitud
error-not-found = ese elemento ya no existe
error-conflict = la acción no corresponde al estado actual de la reunión
error-list-closed = la lista de oradores está cerrada; solo se admiten cuestiones de orden
error-limit-reached = su delegación ya tiene el número máximo de solicitudes permitidas
error-rate-limited = demasiadas acciones a la vez; espere un momento
error-unavailable = el servicio está sobrecargado; vuelva a intentarlo
error-unsupported-version = esta página no está actualizada; vuelva a cargarla
error-internal = se ha producido un error en el servidor
action-raise-hand = Levantar la mano
action-lower-hand = Bajar la mano
action-claim-request = Hablar en nombre de mi delegación
action-give-floor = Dar la palabra
action-end-floor = Concluir la intervención
action-pause-floor = Pausar el cronómetro
action-resume-floor = Reanudar el cronómetro
action-move-request = Mover la solicitud
action-clear-queue = Bajar todas las manos
action-close-list = Cerrar la lista
action-reopen-list = Reabrir la lista
action-first-time-first = Prioridad a quienes no han intervenido
action-readd-last-speaker = Volver a inscribir al último orador
action-speaking-time = Tiempo de intervención
action-change-item = Cambiar de tema
action-mark-item = Marcar el tema
action-add-item = Añadir un tema
action-edit-item = Editar el tema
action-move-item = Mover el tema
action-on-air = Emisión
action-floor-language = Idioma de la sala
action-working-into = Idioma de trabajo
action-relay = Entrada de relé
action-pause-channel = Pausa
action-request-handover = Pedir el relevo
action-cancel-handover = Cancelar el relevo
action-take-over = Tomar el relevo

## Personas conectadas (organizadores y Presidencia)

roster = Personas conectadas
roster-show = Mostrar las personas conectadas
roster-total =
    { $count ->
        [0] No hay nadie conectado.
        [one] Hay { $count } persona conectada.
       *[other] Hay { $count } personas conectadas.
    }
roster-people =
    { $count ->
        [one] { $count } persona
       *[other] { $count } personas
    }
roster-by-role = Por función
roster-by-delegation = Por delegación
roster-by-language = Por idioma
roster-column-role = Función
roster-column-delegation = Delegación
roster-column-language = Idioma
roster-column-people = Personas
roster-no-delegation = Sin delegación
roster-list = Lista de personas conectadas
roster-filter-label = Filtrar por nombre o delegación
roster-order-label = Ordenar por
roster-order-name = Nombre
roster-order-delegation = Delegación
roster-order-role = Función
roster-shown =
    { $count ->
        [one] Se muestra { $count } persona de { $total }.
       *[other] Se muestran { $count } personas de { $total }.
    }
roster-no-match = Ninguna persona conectada coincide con el filtro.
roster-devices =
    { $count ->
        [one] { $count } dispositivo
       *[other] { $count } dispositivos
    }
roster-languages = Idiomas: { $languages }

## Moving on while requests wait: the chair is asked, the requesters told.
move-on-question =
    { $count ->
        [one] Una solicitud espera en «{ $item }». ¿Qué hacer con ella?
       *[other] { $count } solicitudes esperan en «{ $item }». ¿Qué hacer con ellas?
    }
move-on-carry = Pasar a «{ $item }»
move-on-keep = Mantener en «{ $item }»
move-on-close = Bajar las manos
move-on-cancel = Quedarse en este punto
request-kept = Su solicitud sigue en la lista de «{ $item }», por si la presidencia vuelve a ese punto.
request-carried = Su solicitud se ha trasladado a este punto.
request-closed = La presidencia cerró la lista de «{ $item }»: su mano se ha bajado.
# La descarga del registro de oradores, para la presidencia y los organizadores.
speaker-log = Registro de oradores
speaker-log-explained = Quién habló, sobre qué tema, en qué idioma y durante cuánto tiempo.
speaker-log-format = Formato
speaker-log-csv = CSV (hoja de cálculo)
speaker-log-json = JSON (datos)
speaker-log-markdown = Resumen (Markdown)
download-speaker-log = Descargar el registro de oradores
speaker-log-downloaded = Registro de oradores guardado como { $file }.
speaker-log-expired = Su sesión ha caducado: abra de nuevo su enlace de invitación para descargar el registro de oradores.
speaker-log-forbidden = Su función no permite descargar el registro de oradores.
speaker-log-unavailable = El registro de oradores no puede generarse ahora. Inténtelo de nuevo en un momento.
speaker-log-offline = No se pudo descargar el registro de oradores: no se puede contactar con el servidor.
speaker-log-failed = No se pudo descargar el registro de oradores (error { $status }).

## Self-registration: the registration page (/register/{meeting}) and the organisers'
## list of registrations.

reg-heading = Inscribirse en la reunión
reg-intro = Indique a los organizadores quién es usted. En cuanto aprueben su inscripción, esta página le dará su enlace a la reunión.
reg-loading = Cargando el formulario de inscripción…
reg-not-taking = Esta reunión no admite inscripciones.
reg-name = Nombre
reg-email = Correo electrónico
reg-delegation = Delegación
reg-languages = Idiomas que sigue
reg-needs = Lo que necesita
reg-need-sign = Interpretación en lengua de señas
reg-need-captions = Subtítulos
reg-ask-floor = Pido la palabra
reg-item = Tema del programa
reg-kind = Para
reg-kind-intervention = Una intervención
reg-kind-question = Una pregunta
reg-question = Pregunta orientativa
reg-question-none = Ninguna en particular
reg-written = Una pregunta por escrito para los organizadores
reg-optional = (opcional)
reg-submit = Inscribirse
reg-errors-summary = Hay campos que corregir.
reg-error-name = Escriba su nombre.
reg-error-email = Escriba su correo electrónico.
reg-error-email-invalid = Escriba un correo electrónico como nombre@example.org.
reg-error-languages = Elija al menos un idioma.
reg-error-item = Elija un tema del programa.
reg-error-question = Elija una de las preguntas orientativas del tema.
reg-error-too-long = El texto es demasiado largo.
reg-error-characters = Quite los caracteres especiales de este campo.
reg-rate-limited = Llegaron demasiadas inscripciones desde su conexión. Vuelva a intentarlo dentro de un minuto.
reg-send-failed = No se pudo enviar su inscripción. Vuelva a intentarlo.
reg-pending-heading = Su inscripción espera a los organizadores
reg-pending = Esta página comprueba por sí sola si se aprueba. Puede cerrarla y volver a abrirla más tarde en este navegador.
reg-approved-heading = Su inscripción está aprobada
reg-join = Unirse a la reunión
reg-link-label = Su enlace a la reunión (no lo comparta)
reg-no-link = Su enlace no está disponible en este momento. Póngase en contacto con los organizadores.
reg-declined-heading = Su inscripción fue rechazada
reg-declined = Los organizadores no aprobaron esta inscripción. Póngase en contacto con ellos si cree que se trata de un error.
reg-register-again = Inscribirse de nuevo
regs-heading = Inscripciones
regs-waiting = A la espera de una decisión
regs-none-waiting = No hay inscripciones en espera.
regs-decided = Decididas
regs-approve = Aprobar
regs-decline = Rechazar
# $name: who registered.
regs-approve-label = Aprobar: { $name }
regs-decline-label = Rechazar: { $name }
regs-status-approved = Aprobada
regs-status-declined = Rechazada
regs-email = Correo
regs-languages = Idiomas
regs-needs = Necesidades
regs-floor = Pide la palabra
regs-written = Pregunta por escrito
regs-received = Nueva inscripción: { $name }
regs-announced-approved = Inscripción aprobada: { $name }
regs-announced-declined = Inscripción rechazada: { $name }
# $status: the HTTP status of an unexpected answer.
regs-decision-failed = No se pudo registrar la decisión (error { $status }).

## The organisers' participants card.
participants = Participantes
participants-explained = Todas las personas invitadas, con su enlace de invitación. Revoque un enlace filtrado; reemplácelo para enviar uno nuevo a la persona.
participants-search-label = Buscar por nombre, delegación, identificador o correo
participants-loading = Cargando los participantes…
participants-no-match = Ningún participante coincide.
participants-shown = Coincidencias: { $count } de { $total }.
participants-first-shown = Solo se listan los 50 primeros: busque para encontrar a los demás.
participant-link-active = Enlace activo
participant-link-revoked = Enlace revocado
copy-link = Copiar enlace
show-link = Mostrar enlace
revoke-link = Revocar enlace
replace-link = Reemplazar enlace
copy-link-label = Copiar enlace: { $name }
show-link-label = Mostrar enlace: { $name }
revoke-link-label = Revocar enlace: { $name }
replace-link-label = Reemplazar enlace: { $name }
participant-link-heading = Enlace de invitación de { $name }
participant-link-hint = Seleccione el enlace y cópielo, o use «Copiar enlace».
link-copied = Enlace de invitación de { $name } copiado.
link-copy-failed = No se pudo copiar el enlace: selecciónelo en el cuadro y cópielo a mano.
revoke-confirm = ¿Revocar el enlace de { $name }? Sus páginas abiertas se desconectan en el acto y el enlace deja de funcionar.
replace-confirm = ¿Reemplazar el enlace de { $name }? El enlace anterior deja de funcionar y sus páginas abiertas se desconectan en el acto; obtiene un enlace nuevo para enviarle.
link-revoked-done = Enlace de { $name } revocado: sus páginas abiertas se han desconectado.
link-replaced-done = Nuevo enlace para { $name }: cópielo y envíeselo.
participant-added = { $name } añadido: copie su enlace y envíeselo.
participants-failed = No se pudieron cargar o modificar los participantes (error { $status }).
participants-offline = No se puede contactar con el servidor. Inténtelo de nuevo en un momento.
add-participant = Añadir un participante
add-participant-explained = Para quien se inscribió tarde. Recibe su propio enlace de invitación.
participant-name = Nombre
participant-id = Identificador
participant-id-hint = Minúsculas, cifras y guiones. Si se deja vacío, se forma a partir del nombre.
participant-role = Función
participant-delegation = Delegación (opcional)
participant-languages = Idiomas
participant-email = Correo (opcional)
participant-needs = Necesidades
participant-sign-language = Interpretación en lengua de señas
participant-captions = Subtítulos
participant-written-question = Pregunta por escrito: { $question }
participant-needs-list = Necesidades: { $needs }
add-participant-submit = Añadir participante
participant-error-name = Escriba un nombre, sin caracteres de control.
participant-error-id = Un identificador tiene de 1 a 64 letras latinas minúsculas, cifras y guiones: escriba uno.
participant-error-id-taken = Este identificador ya es de otra persona: elija otro.
participant-error-email = Escriba una dirección de correo, como nombre@example.org.
participant-error-delegation = La delegación contiene caracteres no permitidos.
participant-error-languages = Elija solo idiomas de esta reunión.
# La importación de inscripciones y la descarga de los enlaces de invitación (organizadores).
import-heading = Importar inscripciones
import-explained = Incorpore a las personas desde la exportación de su herramienta de inscripción (un archivo CSV). Indique qué columna del archivo contiene cada campo: no se adivina nada.
import-file = Archivo de inscripciones (CSV)
import-columns = Columna de cada campo
import-suggested = Las columnas cuyo encabezado es el nombre del campo se eligen por usted: revise cada una antes de importar.
import-column-none = (no está en el archivo)
import-field-id = Identificador
import-field-name = Nombre (obligatorio)
import-field-email = Correo electrónico
import-field-delegation = Delegación
import-field-role = Función
import-field-booth = Cabina
import-field-languages = Idiomas
import-field-sign-language = Lengua de señas
import-field-captions = Subtítulos
import-field-floor = Pide la palabra
import-field-item = Tema del programa
import-field-kind = Tipo de solicitud
import-field-question = Pregunta orientadora
import-field-written-question = Pregunta escrita
import-check = Comprobar
import-run = Importar
import-valid-only = Importar las filas válidas
import-no-name = Elija la columna que contiene los nombres.
import-unreadable = No se pudo leer el archivo como texto.
import-errors = Problemas en el archivo
import-checked = Comprobado: se pueden importar { $valid } de las filas. Problemas encontrados: { $errors }.
import-done = Participantes importados: { $imported } ({ $requests } pidieron la palabra). Filas omitidas: { $errors }.
import-refused = No se importó nada. Problemas encontrados: { $errors }.
import-error = Línea { $line }, { $field }: { $message }
import-failed = La solicitud falló (error { $status }). No se importó nada.
import-offline = No se puede contactar con el servidor. Inténtelo de nuevo en un momento.
download-links = Descargar todos los enlaces de invitación (CSV)
links-downloaded = Enlaces de invitación guardados como { $file }.
links-failed = No se pudieron descargar los enlaces de invitación (error { $status }).
